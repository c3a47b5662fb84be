#include "context_fit_label.h"

#include <QLayout>

#include <chattrain/project.h>
#include <chattrain/tokenizer.h>
#include <chattrain/train.h>

#include "background_task.h"

namespace chattrain::ui {

ContextFitLabel::ContextFitLabel(Unit unit, QWidget* parent) : QLabel(parent), unit_(unit), task_(new BackgroundTask(this)) {
  setWordWrap(true);
  connect(task_, &BackgroundTask::finished, this, [this](bool, const QString& message) {
    setText(message);  // a failure says why
    // A form caches its rows' heights for a width; a line that arrives later (on a page not shown then)
    // overlapped the row below it until the form measured again.
    if (parentWidget() && parentWidget()->layout()) parentWidget()->layout()->invalidate();
    if (auto again = std::move(again_)) {
      again_ = nullptr;
      again();
    }
  });
}

void ContextFitLabel::measure(const QString& folder, const QString& checkpoint, Count count) {
  if (task_->running()) {
    again_ = [this, folder, checkpoint, count = std::move(count)] { measure(folder, checkpoint, count); };
    return;
  }
  clear();
  if (folder.isEmpty() || checkpoint.isEmpty()) return;
  task_->start(tr("Measuring the examples"), [unit = unit_, folder = folder.toStdString(), checkpoint = checkpoint.toStdString(), count](BackgroundTask&) {
    Project project = Project::open(folder);  // its own: the studio's may be replaced meanwhile
    const int context = read_checkpoint_info(checkpoint).model.context_length;
    return describe(unit, count(project, Tokenizer::load(project.tokenizer_model()), context), context);
  });
}

QString ContextFitLabel::describe(Unit unit, const ContextFit& fit, int context) {
  const bool cut = fit.prompt_cut + fit.answer_cut > 0;
  switch (unit) {
    case Unit::Conversations:
      return tr("Context of %1 tokens: %2 of %3 conversations fit whole.").arg(context).arg(fit.fit).arg(fit.conversations) +
             (cut ? " " + tr("%1 lose the start of their prompt (the answer stays whole), %2 the start of their answer too. The longest "
                             "has %3 tokens; 95% fit in %4: a model with a longer context would keep them whole.")
                              .arg(fit.prompt_cut).arg(fit.answer_cut).arg(fit.longest).arg(fit.fits_95)
                  : QString());
    case Unit::Pairs:
      return tr("Context of %1 tokens: %2 of %3 pairs fit whole.").arg(context).arg(fit.fit).arg(fit.conversations) +
             (cut ? " " + tr("%1 lose the start of their prompt (the answers stay whole), %2 the start of an answer too. The longest "
                             "answer with its prompt has %3 tokens; 95% fit in %4: a model with a longer context would keep them whole.")
                              .arg(fit.prompt_cut).arg(fit.answer_cut).arg(fit.longest).arg(fit.fits_95)
                  : QString());
    case Unit::Prompts:
      return tr("Context of %1 tokens: %2 of %3 prompts fit with room for the answer.").arg(context).arg(fit.fit).arg(fit.conversations) +
             (cut ? " " + tr("%1 lose their start. The longest needs %2 tokens with the answer; 95% fit in %3: a shorter answer "
                             "or a model with a longer context would keep them whole.")
                              .arg(fit.prompt_cut).arg(fit.longest).arg(fit.fits_95)
                  : QString());
  }
  return {};
}

}  // namespace chattrain::ui
