#pragma once
// Marks a message pattern for Qt's lupdate, which reads core's sources for the studio's translations
// (context "Core"; the studio translates them in ui/core_text.cpp). Core does not use Qt: without it
// the mark is the text itself. The parameter names are Qt's, so the two definitions agree.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, x) x
#endif
