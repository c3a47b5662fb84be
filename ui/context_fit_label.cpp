#include "context_fit_label.h"

#include <QEvent>
#include <QLayout>

#include <chattrain/project.h>
#include <chattrain/tokenizer.h>
#include <chattrain/train.h>

#include "background_task.h"

namespace chattrain::ui {

ContextFitLabel::ContextFitLabel(Unit unit, QWidget* parent) : QLabel(parent), unit_(unit), task_(new BackgroundTask(this)) {
  setWordWrap(true);
  connect(task_, &BackgroundTask::finished, this, [this](bool ok, const QString& message) {
    if (ok && in_progress_) {
      measured_ = *in_progress_;
      show_measured();
    } else {
      setText(message);  // a failure says why
    }
    in_progress_.reset();
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
  measured_.reset();
  if (folder.isEmpty() || checkpoint.isEmpty()) return;
  in_progress_ = std::make_shared<Measured>();
  task_->start(tr("Measuring the examples"), [result = in_progress_, folder = folder.toStdString(), checkpoint = checkpoint.toStdString(),
                                              count](BackgroundTask&) {
    Project project = Project::open(folder);  // its own: the studio's may be replaced meanwhile
    result->context = read_checkpoint_info(checkpoint).model.context_length;
    result->fit = count(project, Tokenizer::load(project.tokenizer_model()), result->context);
    return QString();
  });
}

void ContextFitLabel::set_too_long_left_out(bool left_out) {
  left_out_ = left_out;
  if (measured_) show_measured();
}

void ContextFitLabel::changeEvent(QEvent* event) {
  QLabel::changeEvent(event);
  if (event->type() == QEvent::LanguageChange && measured_) show_measured();
}

void ContextFitLabel::show_measured() {
  const ContextFit& fit = measured_->fit;
  const int context = measured_->context;
  const bool cut = fit.prompt_cut + fit.answer_cut > 0;
  switch (unit_) {
    case Unit::Conversations:
      if (left_out_ && cut)
        return setText(tr("Context of %1 tokens: %2 of %3 conversations fit whole.").arg(context).arg(fit.fit).arg(fit.conversations) + " " +
                       tr("%1 longer than the context are left out, as chosen below: nothing of them is trained on. The longest has %2 "
                          "tokens; 95% fit in %3: a model with a longer context would keep them.")
                           .arg(fit.prompt_cut + fit.answer_cut).arg(fit.longest).arg(fit.fits_95));
      return setText(tr("Context of %1 tokens: %2 of %3 conversations fit whole.").arg(context).arg(fit.fit).arg(fit.conversations) +
             (cut ? " " + tr("%1 lose the start of their prompt (the answer stays whole), %2 the start of their answer too. The longest "
                             "has %3 tokens; 95% fit in %4: a model with a longer context would keep them whole.")
                              .arg(fit.prompt_cut).arg(fit.answer_cut).arg(fit.longest).arg(fit.fits_95)
                  : QString()));
    case Unit::Pairs:
      return setText(tr("Context of %1 tokens: %2 of %3 pairs fit whole.").arg(context).arg(fit.fit).arg(fit.conversations) +
             (cut ? " " + tr("%1 lose the start of their prompt (the answers stay whole), %2 the start of an answer too. The longest "
                             "answer with its prompt has %3 tokens; 95% fit in %4: a model with a longer context would keep them whole.")
                              .arg(fit.prompt_cut).arg(fit.answer_cut).arg(fit.longest).arg(fit.fits_95)
                  : QString()));
    case Unit::Prompts:
      return setText(tr("Context of %1 tokens: %2 of %3 prompts fit with room for the answer.").arg(context).arg(fit.fit).arg(fit.conversations) +
             (cut ? " " + tr("%1 lose their start. The longest needs %2 tokens with the answer; 95% fit in %3: a shorter answer "
                             "or a model with a longer context would keep them whole.")
                              .arg(fit.prompt_cut).arg(fit.longest).arg(fit.fits_95)
                  : QString()));
  }
}

}  // namespace chattrain::ui
