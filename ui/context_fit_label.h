#pragma once
// Before a stage trains: how its examples fit the starting checkpoint's context and what the cut keeps
// (issue 20.4), measured on the label's own thread (tokenizing a large set takes a while) and said in one
// line. SFT counts conversations, the reward model and DPO pairs, PPO and GRPO prompts with room for the
// answer.
#include <QLabel>

#include <functional>
#include <memory>
#include <optional>

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
  // SFT's choice for conversations longer than the context: the line says they are left out, not cut.
  void set_too_long_left_out(bool left_out);
  BackgroundTask& task() { return *task_; }

 protected:
  void changeEvent(QEvent* event) override;  // the line in the new language

 private:
  struct Measured {
    ContextFit fit;
    int context = 0;
  };
  void show_measured();
  Unit unit_;
  bool left_out_ = false;
  std::optional<Measured> measured_;        // the last count, shown
  std::shared_ptr<Measured> in_progress_;  // written by the task's thread, read once it has finished
  BackgroundTask* task_;
  std::function<void()> again_;
};

}  // namespace chattrain::ui
