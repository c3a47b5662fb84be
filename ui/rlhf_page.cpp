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

#include <map>

#include "checkpoint_box.h"
#include "studio.h"
#include "training_monitor.h"
#include "training_settings.h"

namespace chattrain::ui {
namespace {

QDoubleSpinBox* decimal_box(QWidget* parent, double low, double high, double step, int decimals, double value) {
  auto* box = new QDoubleSpinBox(parent);
  box->setRange(low, high);
  box->setSingleStep(step);
  box->setDecimals(decimals);
  box->setValue(value);
  return box;
}

std::vector<PromptRecord> prompts_of(Project& project, const std::string& set) {
  const auto record = project.db().prompt_set(set);
  if (!record) throw Error("choose a prompt set (the Ranking page adds them)");
  return project.db().prompts(record->id);
}

}  // namespace

RlhfPage::RlhfPage(Studio& studio, QWidget* parent) : Page(parent), studio_(studio) {
  // PPO
  ppo_group_ = new QGroupBox(this);
  auto* ppo_form = new QFormLayout(ppo_group_);
  policy_ = new CheckpointBox(studio_, ppo_group_);
  policy_->set_stages({}, {"reward"}, {"sft", "pretrain"});
  reward_source_ = new QComboBox(ppo_group_);
  reward_source_->addItem(QString(), "model");
  reward_source_->addItem(QString(), "rules");
  reward_ = new CheckpointBox(studio_, ppo_group_);
  reward_->set_stages({"reward"}, {}, {"reward"});
  prompt_set_ = new QComboBox(ppo_group_);
  iterations_ = spin_box(ppo_group_, 1, 100000, 10);
  prompts_per_batch_ = spin_box(ppo_group_, 1, 256, 1);
  max_tokens_ = spin_box(ppo_group_, 4, 1024, 8);
  ppo_lr_ = decimal_box(ppo_group_, 1e-6, 1e-2, 1e-5, 6, 1e-4);
  kl_coef_ = decimal_box(ppo_group_, 0.0, 10.0, 0.01, 3, 0.1);
  for (QWidget* field : std::initializer_list<QWidget*>{policy_, reward_source_, reward_, prompt_set_, iterations_, prompts_per_batch_,
                                                        max_tokens_, ppo_lr_, kl_coef_}) {
    labels_ << new QLabel(ppo_group_);
    ppo_form->addRow(labels_.back(), field);
  }
  ppo_hint_ = new QLabel(ppo_group_);
  ppo_hint_->setWordWrap(true);
  mark_as_help(ppo_hint_);
  ppo_form->addRow(ppo_hint_);
  ppo_monitor_ = new TrainingMonitor(studio_, Stage::Ppo, this);

  // DPO
  dpo_group_ = new QGroupBox(this);
  auto* dpo_form = new QFormLayout(dpo_group_);
  dpo_policy_ = new CheckpointBox(studio_, dpo_group_);
  dpo_policy_->set_stages({}, {"reward"}, {"sft", "pretrain"});
  dpo_set_ = new QComboBox(dpo_group_);
  beta_ = decimal_box(dpo_group_, 0.01, 5.0, 0.05, 2, 0.1);
  dpo_steps_ = spin_box(dpo_group_, 1, 1000000, 50);
  dpo_batch_ = spin_box(dpo_group_, 1, 512, 1);
  dpo_lr_ = decimal_box(dpo_group_, 1e-7, 1e-2, 1e-5, 6, 1e-4);
  for (QWidget* field : std::initializer_list<QWidget*>{dpo_policy_, dpo_set_, beta_, dpo_steps_, dpo_batch_, dpo_lr_}) {
    labels_ << new QLabel(dpo_group_);
    dpo_form->addRow(labels_.back(), field);
  }
  dpo_hint_ = new QLabel(dpo_group_);
  dpo_hint_->setWordWrap(true);
  mark_as_help(dpo_hint_);
  dpo_form->addRow(dpo_hint_);
  dpo_monitor_ = new TrainingMonitor(studio_, Stage::Dpo, this);

  tabs_ = new QTabWidget(this);
  tabs_->addTab(ppo_monitor_->beside_settings({ppo_group_}, 470), QString());
  tabs_->addTab(dpo_monitor_->beside_settings({dpo_group_}, 470), QString());
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(heading_);
  layout->addWidget(tabs_, 1);

  connect(reward_source_, &QComboBox::currentIndexChanged, this,
          [this] { reward_->setEnabled(reward_source_->currentData().toString() == "model"); });
  connect(ppo_monitor_, &TrainingMonitor::start_requested, this, &RlhfPage::start_ppo);
  connect(ppo_monitor_, &TrainingMonitor::resume_requested, this, &RlhfPage::resume_ppo);
  connect(ppo_monitor_, &TrainingMonitor::continue_requested, this, [this] {
    ppo_monitor_->show_error(tr("A PPO run continues with Resume, from its own latest checkpoint."));
  });
  connect(dpo_monitor_, &TrainingMonitor::start_requested, this, &RlhfPage::start_dpo);
  connect(dpo_monitor_, &TrainingMonitor::resume_requested, this, &RlhfPage::resume_dpo);
  connect(dpo_monitor_, &TrainingMonitor::continue_requested, this, [this] {
    dpo_monitor_->show_error(tr("A DPO run continues with Resume, from its own latest checkpoint."));
  });
  connect(ppo_monitor_, &TrainingMonitor::busy_changed, ppo_group_, &QWidget::setDisabled);
  connect(dpo_monitor_, &TrainingMonitor::busy_changed, dpo_group_, &QWidget::setDisabled);
  connect(&studio_, &Studio::project_changed, this, &RlhfPage::refresh_sets);
  connect(tabs_, &QTabWidget::currentChanged, this, &RlhfPage::refresh_sets);

  set_ppo_config(PpoConfig{});
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
  heading_->setText(title());
  ppo_group_->setTitle(tr("PPO"));
  dpo_group_->setTitle(tr("DPO"));
  const QStringList labels{tr("Start from (SFT)"), tr("Reward from"), tr("Reward model"), tr("Prompt set"), tr("Iterations"),
                           tr("Prompts per batch"), tr("Longest answer (tokens)"), tr("Learning rate"), tr("KL coefficient"),
                           tr("Start from (SFT)"), tr("Ranked prompt set"), tr("β"), tr("Steps"), tr("Pairs per batch"),
                           tr("Learning rate")};
  for (int i = 0; i < labels.size(); ++i) labels_[i]->setText(labels[i]);
  reward_source_->setItemText(0, tr("the reward model"));
  reward_source_->setItemText(1, tr("the rule-based judge (demos and tests only)"));
  ppo_hint_->setText(tr("Each iteration samples two answers per prompt, scores them with the reward model, and takes PPO steps; a KL "
                        "penalty (adapted toward a target) keeps the policy near the SFT model. The run stops and says why if "
                        "values turn NaN, the KL grows too large, or the answers collapse."));
  dpo_hint_->setText(tr("DPO learns from the ranked pairs directly, with no reward model and no sampling; β sets how close it "
                        "stays to the starting model."));
  tabs_->setTabText(0, tr("PPO"));
  tabs_->setTabText(1, tr("DPO"));
  ppo_monitor_->retranslate();
  dpo_monitor_->retranslate();
}

PpoConfig RlhfPage::ppo_config() const {
  PpoConfig c;
  c.iterations = iterations_->value();
  c.prompts_per_batch = prompts_per_batch_->value();
  c.max_new_tokens = max_tokens_->value();
  c.learning_rate = ppo_lr_->value();
  c.kl_coef = kl_coef_->value();
  return c;
}

void RlhfPage::set_ppo_config(const PpoConfig& c) {
  iterations_->setValue(int(c.iterations));
  prompts_per_batch_->setValue(c.prompts_per_batch);
  max_tokens_->setValue(c.max_new_tokens);
  ppo_lr_->setValue(c.learning_rate);
  kl_coef_->setValue(c.kl_coef);
}

bool RlhfPage::busy() const { return ppo_monitor_->busy() || dpo_monitor_->busy(); }

void RlhfPage::refresh_sets() {
  for (QComboBox* box : {prompt_set_, dpo_set_}) {
    const QString chosen = box->currentText();
    const QSignalBlocker quiet(box);
    box->clear();
    if (Project* project = studio_.project())
      for (const auto& s : project->db().prompt_sets()) box->addItem(QString::fromStdString(s.name));
    const int index = box->findText(chosen.isEmpty() ? QString::fromLatin1(demo_ranking_set) : chosen);
    box->setCurrentIndex(std::max(0, index));
  }
}

void RlhfPage::start_ppo() {
  Project* project = studio_.project();
  if (!project || busy()) return;
  PpoJob job;
  job.policy_checkpoint = policy_->checkpoint().toStdString();
  if (job.policy_checkpoint.empty()) {
    ppo_monitor_->show_error(tr("PPO starts from a fine-tuned checkpoint: run SFT first."));
    return;
  }
  const bool judge = reward_source_->currentData().toString() == "rules";
  if (!judge) {
    job.reward_checkpoint = reward_->checkpoint().toStdString();
    if (job.reward_checkpoint.empty()) {
      ppo_monitor_->show_error(tr("There is no reward model yet: train one on the Reward model page, or choose the rule-based judge."));
      return;
    }
  }
  job.config = ppo_config();
  const std::string run_id = ppo_monitor_->open_new_run(job.config.to_json(), job.policy_checkpoint);
  if (run_id.empty()) return;
  job.run_dir = project->run_dir(run_id);
  launch_ppo(std::move(job), QString::fromStdString(run_id), false, prompt_set_->currentText(), judge);
}

void RlhfPage::resume_ppo(const QString& run_id) {
  Project* project = studio_.project();
  if (!project || run_id.isEmpty() || busy() || !ppo_monitor_->prepare_resume(run_id)) return;
  PpoJob job;
  job.resume = true;
  job.run_dir = project->run_dir(run_id.toStdString());
  job.config = ppo_config();  // only the device applies: the run keeps its own settings and reward model
  // Exact with the same prompt set (and, for a judged run, the judge chosen again).
  launch_ppo(std::move(job), run_id, true, prompt_set_->currentText(), reward_source_->currentData().toString() == "rules");
}

void RlhfPage::launch_ppo(PpoJob job, const QString& run_id, bool resumed, const QString& prompt_set, bool judge) {
  Project* project = studio_.project();
  job.tokenizer_model = project->tokenizer_model();
  const std::int64_t steps = job.config.iterations;
  const std::string folder = project->folder(), set = prompt_set.toStdString();
  ppo_monitor_->launch([job = std::move(job), folder, set, judge](TrainingObserver& observer, const StopToken& stop) mutable {
    Project project = Project::open(folder);
    const auto prompts = prompts_of(project, set);
    for (const auto& p : prompts) job.prompts.push_back(prompt_conversation(p));
    if (judge) {
      job.reward_checkpoint.clear();
      job.reward_function = rule_judge_reward(prompts);
    }
    return run_ppo(job, observer, stop);
  }, run_id, steps, resumed);
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
  job.config = default_dpo_config();  // only device and threads apply: the run keeps its own settings and beta
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

}  // namespace chattrain::ui
