#include "format.h"

#include <cmath>

#include <chattrain/format.h>

namespace chattrain::ui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("chattrain::ui::Format", text); }
}  // namespace

QString format_count(double v) { return QString::fromStdString(chattrain::format_count(v)); }

QString format_bytes(double b) { return QString::fromStdString(chattrain::format_bytes(b)); }

QString format_duration(double s) {
  if (!std::isfinite(s) || s < 0) return QStringLiteral("?");
  const long total = std::lround(s);
  if (total < 60) return tr("%1 s").arg(total);
  if (total < 3600) return tr("%1 min %2 s").arg(total / 60).arg(total % 60);
  return tr("%1 h %2 min").arg(total / 3600).arg((total / 60) % 60);
}

QString format_eta(double s) { return s < 0 ? QString() : tr("ETA %1").arg(format_duration(s)); }

}  // namespace chattrain::ui
