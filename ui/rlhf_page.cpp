#include "rlhf_page.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <chattrain/error.h>
#include <chattrain/ranking.h>

#include "checkpoint_box.h"
#include "context_fit_label.h"
#include "online_rl_tab.h"
#include "studio.h"
#include "training_monitor.h"
#include "training_settings.h"

namespace chattrain::ui {

RlhfPage::RlhfPage(Studio& studio, QWidget* parent) : Page(parent), studio_(studio) {
  ppo_ = new OnlineRlTab(studio_, Stage::Ppo, this);
  grpo_ = new OnlineRlTab(studio_, Stage::Grpo, this);

  // DPO
  dpo_group_ = new QGroupBox(this);
  auto* dpo_form = new QFormLayout(dpo_group_);
  dpo_policy_ = new CheckpointBox(studio_, dpo_group_);
  dpo_policy_->set_stages({}, {"reward"}, {"sft", "pretrain"});
  dpo_set_ = new QComboBox(dpo_group_);
  beta_ = decimal_box(dpo_group_, 0.01, 5.0, 0.05, 2, 0.1);
  pair_choice_ = new QComboBox(dpo_group_);
  for (auto choice : {PairChoice::all_ordered, PairChoice::first_against_last})
    pair_choice_->addItem(QString(), QString::fromLatin1(pair_choice_name(choice)));
  sft_weight_ = decimal_box(dpo_group_, 0.0, 10.0, 0.1, 2, 0.0);
  dpo_steps_ = spin_box(dpo_group_, 1, 1000000, 50);
  dpo_batch_ = spin_box(dpo_group_, 1, 512, 1);
  dpo_lr_ = decimal_box(dpo_group_, 1e-7, 1e-2, 1e-5, 6, 1e-4);
  for (QWidget* field :
       std::initializer_list<QWidget*>{dpo_policy_, dpo_set_, beta_, pair_choice_, sft_weight_, dpo_steps_, dpo_batch_, dpo_lr_}) {
    labels_ << new QLabel(dpo_group_);
    dpo_form->addRow(labels_.back(), field);
  }
  dpo_fit_ = new ContextFitLabel(ContextFitLabel::Unit::Pairs, dpo_group_);
  dpo_form->addRow(dpo_fit_);
  dpo_hint_ = new QLabel(dpo_group_);
  dpo_hint_->setWordWrap(true);
  mark_as_help(dpo_hint_);
  dpo_form->addRow(dpo_hint_);
  dpo_monitor_ = new TrainingMonitor(studio_, Stage::Dpo, this);

  tabs_ = new QTabWidget(this);
  tabs_->addTab(ppo_, QString());
  tabs_->addTab(grpo_, QString());
  tabs_->addTab(dpo_monitor_->beside_settings({dpo_group_}, 470), QString());
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(header_);
  layout->addWidget(tabs_, 1);

  // One run at a time on this page: they would share the machine.
  for (OnlineRlTab* tab : {ppo_, grpo_}) {
    connect(tab->monitor(), &TrainingMonitor::start_requested, this, [this, tab] {
      if (!busy()) tab->start();
    });
    connect(tab->monitor(), &TrainingMonitor::resume_requested, this, [this, tab](const QString& run_id) {
      if (!busy()) tab->resume(run_id);
    });
  }
  connect(dpo_monitor_, &TrainingMonitor::start_requested, this, &RlhfPage::start_dpo);
  connect(dpo_monitor_, &TrainingMonitor::resume_requested, this, &RlhfPage::resume_dpo);
  connect(dpo_monitor_, &TrainingMonitor::continue_requested, this, [this] {
    dpo_monitor_->show_error(tr("A DPO run continues with Resume, from its own latest checkpoint."));
  });
  connect(dpo_monitor_, &TrainingMonitor::busy_changed, dpo_group_, &QWidget::setDisabled);
  connect(&studio_, &Studio::project_changed, this, &RlhfPage::refresh_sets);
  connect(dpo_policy_, &QComboBox::currentIndexChanged, this, &RlhfPage::measure_dpo_fit);
  connect(dpo_set_, &QComboBox::currentIndexChanged, this, &RlhfPage::measure_dpo_fit);
  connect(pair_choice_, &QComboBox::currentIndexChanged, this, &RlhfPage::measure_dpo_fit);
  connect(&studio_, &Studio::runs_changed, this, &RlhfPage::measure_dpo_fit);
  connect(tabs_, &QTabWidget::currentChanged, this, &RlhfPage::refresh_sets);

  const TrainingConfig dpo = default_dpo_config();
  dpo_steps_->setValue(int(dpo.max_steps));
  dpo_batch_->setValue(dpo.batch_size);
  dpo_lr_->setValue(dpo.learning_rate);
  retranslate();
  refresh_sets();
}

void RlhfPage::showEvent(QShowEvent* event) {
  refresh_sets();
  Page::showEvent(event);
}

void RlhfPage::retranslate() {
  set_header();
  dpo_group_->setTitle(tr("DPO"));
  const QStringList labels{tr("Start from (SFT)"), tr("Ranked prompt set"), tr("β"),           tr("Pairs"),
                           tr("Chosen answers' likelihood"), tr("Steps"), tr("Pairs per batch"), tr("Learning rate")};
  for (int i = 0; i < labels.size(); ++i) labels_[i]->setText(labels[i]);
  pair_choice_->setItemText(0, tr("Every better/worse pair"));
  pair_choice_->setItemText(1, tr("First place against last"));
  sft_weight_->setToolTip(tr("Adds the chosen answers' own likelihood to the loss with this weight (0: plain DPO). Plain DPO can "
                             "widen the margin by making both answers less likely; on the demo, weight 1 with first-against-last "
                             "pairs raised the judged form clearly where plain DPO stayed within its noise."));
  dpo_hint_->setText(tr("DPO learns from the ranked pairs directly, with no reward model and no sampling; β sets how close it "
                        "stays to the starting model."));
  tabs_->setTabText(0, tr("PPO"));
  tabs_->setTabText(1, tr("GRPO"));
  tabs_->setTabText(2, tr("DPO"));
  ppo_->retranslate();
  grpo_->retranslate();
  dpo_monitor_->retranslate();
}

bool RlhfPage::busy() const { return ppo_->monitor()->busy() || grpo_->monitor()->busy() || dpo_monitor_->busy(); }

void RlhfPage::refresh_sets() {
  ppo_->refresh_sets();
  grpo_->refresh_sets();
  show_prompt_sets(dpo_set_, studio_.project());
  measure_dpo_fit();  // the boxes refresh quietly
}

void RlhfPage::start_dpo() {
  Project* project = studio_.project();
  if (!project || busy()) return;
  DpoJob job;
  job.parent_checkpoint = dpo_policy_->checkpoint().toStdString();
  if (job.parent_checkpoint.empty()) {
    dpo_monitor_->show_error(tr("DPO starts from a fine-tuned checkpoint: run SFT first."));
    return;
  }
  job.beta = beta_->value();
  job.pair_choice = parse_pair_choice(pair_choice_->currentData().toString().toStdString());
  job.sft_weight = sft_weight_->value();
  job.config = default_dpo_config();
  job.config.max_steps = dpo_steps_->value();
  job.config.batch_size = dpo_batch_->value();
  job.config.learning_rate = dpo_lr_->value();
  job.config.sample_prompt = demo_sample_question;
  const std::string run_id = dpo_monitor_->open_new_run(dpo_settings_json(job), job.parent_checkpoint);
  if (run_id.empty()) return;
  job.run_dir = project->run_dir(run_id);
  launch_dpo(std::move(job), QString::fromStdString(run_id), false, dpo_set_->currentText());
}

void RlhfPage::resume_dpo(const QString& run_id) {
  Project* project = studio_.project();
  if (!project || run_id.isEmpty() || busy() || !dpo_monitor_->prepare_resume(run_id)) return;
  DpoJob job;
  job.resume = true;
  job.run_dir = project->run_dir(run_id.toStdString());
  job.config = default_dpo_config();  // only device and threads apply: the run keeps its own settings, beta and pairs
  launch_dpo(std::move(job), run_id, true, dpo_set_->currentText());
}

void RlhfPage::launch_dpo(DpoJob job, const QString& run_id, bool resumed, const QString& prompt_set) {
  Project* project = studio_.project();
  job.tokenizer_model = project->tokenizer_model();
  const std::int64_t steps = job.config.max_steps;
  const std::string folder = project->folder(), set = prompt_set.toStdString();
  dpo_monitor_->launch([job = std::move(job), folder, set, processes = dpo_monitor_->processes()](TrainingObserver& observer,
                                                                                                const StopToken& stop) mutable {
    Project project = Project::open(folder);
    const auto record = project.db().prompt_set(set);
    if (!record) throw Error("choose a ranked prompt set");
    job.pairs = expand_to_pairs(ranked_answers(project, record->id));
    return train_job(std::move(job), processes, observer, stop);
  }, run_id, steps, resumed);
}

void RlhfPage::measure_dpo_fit() {
  Project* project = studio_.project();
  const std::string set = dpo_set_->currentText().toStdString();
  const PairChoice choice = parse_pair_choice(pair_choice_->currentData().toString().toStdString());
  dpo_fit_->measure(project && !set.empty() ? QString::fromStdString(project->folder()) : QString(), dpo_policy_->checkpoint(),
                    [set, choice](Project& opened, const Tokenizer& tokenizer, int context) {
                      const auto record = opened.db().prompt_set(set);
                      // The pairs the run will learn from: "first-last" keeps fewer of them.
                      return pairs_context_fit(record ? choose_pairs(expand_to_pairs(ranked_answers(opened, record->id)), choice)
                                                      : std::vector<PreferencePair>{},
                                               tokenizer, context);
                    });
}

}  // namespace chattrain::ui
