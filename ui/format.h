#pragma once
// Numbers as people read them, in the UI's language.
#include <QCoreApplication>
#include <QString>

namespace chattrain::ui {

QString format_count(double value);     // 12.3k, 4.56M
QString format_bytes(double bytes);     // 2.5 MB
QString format_duration(double seconds);  // 3 min 12 s
QString format_eta(double seconds);     // "ETA 3 min 12 s", or "" while unknown

}  // namespace chattrain::ui
