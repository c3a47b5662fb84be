#pragma once
// Rebuilding a project's catalogue (project.sqlite) from its folders after it was emptied or damaged
// (a full disk, a file system crash, a copy cut short): `chattrain project repair` (issue 21.3).
#include <string>
#include <vector>

#include "chattrain/error.h"

namespace chattrain {

struct RepairResult {
  std::string damaged_copy;        // where the damaged catalogue was moved (kept, never deleted)
  int datasets = 0, runs = 0;      // read back from data/ and runs/
  long long metrics = 0;           // points read back from the runs' TensorBoard events
  std::vector<Message> notes;      // what could not be read back, each naming its file
};

// Whether the catalogue needs repair: missing (with runs/ or data/ there), empty, or not a readable
// SQLite database of ours. Says why in `reason`.
bool catalogue_needs_repair(const std::string& folder, Message* reason = nullptr);

// Moves the damaged catalogue aside (project.sqlite.damaged-<time>) and writes a new one holding the
// datasets of data/ (text and dialogues), the runs of runs/ (stage, settings, parent and status from
// their newest checkpoint; metrics from their TensorBoard events). Prompt sets, rankings and chats live
// only in the catalogue: a note says so (import a rankings export to get them back). Refuses a healthy one.
RepairResult repair_project(const std::string& folder);

}  // namespace chattrain
