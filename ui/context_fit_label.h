#pragma once
// Before a stage trains: how its examples fit the starting checkpoint's context and what the cut keeps
// (issue 20.4), measured on the label's own thread (tokenizing a large set takes a while) and said in one
// line. SFT counts conversations, the reward model and DPO pairs, PPO and GRPO prompts with room for the
// answer.
#include <QLabel>

#include <functional>

#include <chattrain/chat.h>

namespace chattrain {
class Project;
}

namespace chattrain::ui {

class BackgroundTask;

class ContextFitLabel : public QLabel {
  Q_OBJECT
 public:
  enum class Unit { Conversations, Pairs, Prompts };
  // Counts the examples of the project (opened afresh in `folder` on the task's thread) for a context.
  using Count = std::function<ContextFit(Project& project, const Tokenizer& tokenizer, int context_length)>;

  ContextFitLabel(Unit unit, QWidget* parent = nullptr);
  // Measures for `checkpoint`'s context; an empty folder or checkpoint clears the line. A call while
  // measuring measures again once that ends, with the newest arguments.
  void measure(const QString& folder, const QString& checkpoint, Count count);
  BackgroundTask& task() { return *task_; }

 private:
  static QString describe(Unit unit, const ContextFit& fit, int context);  // on the task's thread: no member touched
  Unit unit_;
  BackgroundTask* task_;
  std::function<void()> again_;
};

}  // namespace chattrain::ui
