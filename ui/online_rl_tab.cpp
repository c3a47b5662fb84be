#include "online_rl_tab.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <chattrain/error.h>
#include <chattrain/ranking.h>

#include "checkpoint_box.h"
#include "context_fit_label.h"
#include "page.h"
#include "studio.h"
#include "training_monitor.h"
#include "training_settings.h"

namespace chattrain::ui {
namespace {

PpoConfig defaults_of(Stage stage) { return stage == Stage::Grpo ? default_grpo_config() : PpoConfig{}; }

std::vector<PromptRecord> prompts_of(Project& project, const std::string& set) {
  const auto record = project.db().prompt_set(set);
  if (!record) throw Error("choose a prompt set (the Ranking page adds them)");
  return project.db().prompts(record->id);
}

}  // namespace

void show_prompt_sets(QComboBox* box, Project* project) {
  const QString chosen = box->currentText();
  const QSignalBlocker quiet(box);
  box->clear();
  if (project)
    for (const auto& s : project->db().prompt_sets()) box->addItem(QString::fromStdString(s.name));
  const int index = box->findText(chosen.isEmpty() ? QString::fromLatin1(demo_ranking_set) : chosen);
  box->setCurrentIndex(std::max(0, index));
}

OnlineRlTab::OnlineRlTab(Studio& studio, Stage stage, QWidget* parent) : QWidget(parent), studio_(studio), stage_(stage) {
  group_ = new QGroupBox(this);
  auto* form = new QFormLayout(group_);
  policy_ = new CheckpointBox(studio_, group_);
  policy_->set_stages({}, {"reward"}, {"sft", "pretrain"});
  reward_source_ = new QComboBox(group_);
  reward_source_->addItem(QString(), "model");
  reward_source_->addItem(QString(), "rules");
  reward_ = new CheckpointBox(studio_, group_);
  reward_->set_stages({"reward"}, {}, {"reward"});
  prompt_set_ = new QComboBox(group_);
  iterations_ = spin_box(group_, 1, 100000, 10);
  prompts_per_batch_ = spin_box(group_, 1, 256, 1);
  answers_per_prompt_ = spin_box(group_, 2, 16, 1);  // both methods compare an answer with the others to its prompt
  max_tokens_ = spin_box(group_, 4, 1024, 8);
  learning_rate_ = decimal_box(group_, 1e-6, 1e-2, 1e-5, 6, 1e-4);
  kl_coef_ = decimal_box(group_, 0.0, 10.0, 0.01, 3, 0.1);
  for (QWidget* field : std::initializer_list<QWidget*>{policy_, reward_source_, reward_, prompt_set_, iterations_, prompts_per_batch_,
                                                        answers_per_prompt_, max_tokens_, learning_rate_, kl_coef_}) {
    labels_ << new QLabel(group_);
    form->addRow(labels_.back(), field);
  }
  context_fit_ = new ContextFitLabel(ContextFitLabel::Unit::Prompts, group_);
  form->addRow(context_fit_);
  hint_ = new QLabel(group_);
  hint_->setWordWrap(true);
  Page::mark_as_help(hint_);
  form->addRow(hint_);
  monitor_ = new TrainingMonitor(studio_, stage_, this);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(monitor_->beside_settings({group_}, 470));

  connect(reward_source_, &QComboBox::currentIndexChanged, this, [this] { reward_->setEnabled(!judged()); });
  connect(monitor_, &TrainingMonitor::continue_requested, this, [this] {
    monitor_->show_error(stage_ == Stage::Grpo ? tr("A GRPO run continues with Resume, from its own latest checkpoint.")
                                               : tr("A PPO run continues with Resume, from its own latest checkpoint."));
  });
  connect(monitor_, &TrainingMonitor::busy_changed, group_, &QWidget::setDisabled);
  // What decides the fit: the policy's context, the prompts, the room kept for the answer.
  connect(policy_, &QComboBox::currentIndexChanged, this, &OnlineRlTab::measure_fit);
  connect(prompt_set_, &QComboBox::currentIndexChanged, this, &OnlineRlTab::measure_fit);
  connect(max_tokens_, &QSpinBox::valueChanged, this, &OnlineRlTab::measure_fit);
  connect(&studio_, &Studio::runs_changed, this, &OnlineRlTab::measure_fit);  // a new checkpoint may be the one chosen
  set_config(defaults_of(stage_));
}

void OnlineRlTab::measure_fit() {
  Project* project = studio_.project();
  const std::string set = prompt_set_->currentText().toStdString();
  const int answer_tokens = max_tokens_->value();
  context_fit_->measure(project && !set.empty() ? QString::fromStdString(project->folder()) : QString(), policy_->checkpoint(),
                        [set, answer_tokens](Project& opened, const Tokenizer& tokenizer, int context) {
                          std::vector<Conversation> prompts;
                          for (const auto& p : prompts_of(opened, set)) prompts.push_back(prompt_conversation(p));
                          return prompts_context_fit(prompts, tokenizer, context, answer_tokens);
                        });
}

void OnlineRlTab::retranslate() {
  const bool grpo = stage_ == Stage::Grpo;
  group_->setTitle(grpo ? tr("GRPO") : tr("PPO"));
  const QStringList labels{tr("Start from (SFT)"), tr("Reward from"), tr("Reward model"), tr("Prompt set"), tr("Iterations"),
                           tr("Prompts per batch"), tr("Answers per prompt"), tr("Longest answer (tokens)"), tr("Learning rate"),
                           grpo ? tr("KL coefficient β") : tr("KL coefficient")};
  for (int i = 0; i < labels.size(); ++i) labels_[i]->setText(labels[i]);
  reward_source_->setItemText(0, tr("the reward model"));
  reward_source_->setItemText(1, tr("the rule-based judge (demos and tests only)"));
  hint_->setText(grpo ? tr("Each iteration samples a group of answers per prompt and scores them; an answer is pushed up or down by how "
                           "much better or worse it scored than the rest of its group, on every one of its tokens. No value model "
                           "is trained; β·KL in the loss keeps the policy near the SFT model. The run stops and says why if values "
                           "turn NaN, the KL grows too large, or the answers collapse.")
                      : tr("Each iteration samples answers to each prompt, scores them with the reward model, and takes PPO steps; a "
                           "KL penalty (adapted toward a target) keeps the policy near the SFT model. The run stops and says why if "
                           "values turn NaN, the KL grows too large, or the answers collapse."));
  monitor_->retranslate();
}

void OnlineRlTab::refresh_sets() {
  show_prompt_sets(prompt_set_, studio_.project());
  measure_fit();  // the boxes refresh quietly
}

PpoConfig OnlineRlTab::config() const {
  PpoConfig c = defaults_of(stage_);
  c.iterations = iterations_->value();
  c.prompts_per_batch = prompts_per_batch_->value();
  c.answers_per_prompt = answers_per_prompt_->value();
  c.max_new_tokens = max_tokens_->value();
  c.learning_rate = learning_rate_->value();
  c.kl_coef = kl_coef_->value();
  return c;
}

void OnlineRlTab::set_config(const PpoConfig& c) {
  iterations_->setValue(int(c.iterations));
  prompts_per_batch_->setValue(c.prompts_per_batch);
  answers_per_prompt_->setValue(c.answers_per_prompt);
  max_tokens_->setValue(c.max_new_tokens);
  learning_rate_->setValue(c.learning_rate);
  kl_coef_->setValue(c.kl_coef);
}

bool OnlineRlTab::judged() const { return reward_source_->currentData().toString() == "rules"; }

void OnlineRlTab::start() {
  Project* project = studio_.project();
  if (!project) return;
  PpoJob job;
  job.policy_checkpoint = policy_->checkpoint().toStdString();
  if (job.policy_checkpoint.empty()) {
    monitor_->show_error(tr("%1 starts from a fine-tuned checkpoint: run SFT first.").arg(stage_ == Stage::Grpo ? "GRPO" : "PPO"));
    return;
  }
  if (!judged()) {
    job.reward_checkpoint = reward_->checkpoint().toStdString();
    if (job.reward_checkpoint.empty()) {
      monitor_->show_error(tr("There is no reward model yet: train one on the Reward model page, or choose the rule-based judge."));
      return;
    }
  }
  job.config = config();
  const std::string run_id = monitor_->open_new_run(job.config.to_json(), job.policy_checkpoint);
  if (run_id.empty()) return;
  job.run_dir = project->run_dir(run_id);
  launch(std::move(job), QString::fromStdString(run_id), false);
}

void OnlineRlTab::resume(const QString& run_id) {
  Project* project = studio_.project();
  if (!project || run_id.isEmpty() || !monitor_->prepare_resume(run_id)) return;
  PpoJob job;
  job.resume = true;
  job.run_dir = project->run_dir(run_id.toStdString());
  job.config = config();  // only the device applies: the run keeps its own settings and reward model
  // Exact with the same prompt set (and, for a judged run, the judge chosen again).
  launch(std::move(job), run_id, true);
}

void OnlineRlTab::launch(PpoJob job, const QString& run_id, bool resumed) {
  Project* project = studio_.project();
  job.tokenizer_model = project->tokenizer_model();
  const std::int64_t steps = job.config.iterations;
  const std::string folder = project->folder(), set = prompt_set_->currentText().toStdString();
  monitor_->launch([job = std::move(job), folder, set, judge = judged(), grpo = stage_ == Stage::Grpo](TrainingObserver& observer,
                                                                                                    const StopToken& stop) mutable {
    Project project = Project::open(folder);
    const auto prompts = prompts_of(project, set);
    for (const auto& p : prompts) job.prompts.push_back(prompt_conversation(p));
    if (judge) {
      job.reward_checkpoint.clear();
      job.reward_function = rule_judge_reward(prompts);
    }
    return grpo ? run_grpo(job, observer, stop) : run_ppo(job, observer, stop);
  }, run_id, steps, resumed);
}

}  // namespace chattrain::ui
