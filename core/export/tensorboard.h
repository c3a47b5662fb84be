#pragma once
// TensorBoard's event files, written by every run next to its checkpoints so that `tensorboard --logdir
// <project>/runs` shows the curves. A file is a sequence of records:
//   length u64 · masked CRC-32C of the length u32 · an Event (protobuf) · masked CRC-32C of the Event u32
// The Events hold scalars: Event{wall_time = 1, step = 2, summary = 5: Summary{value = 1: Value{tag = 1,
// simple_value = 2}}}. Neither protobuf (a second copy would meet the protobuf trap) nor a CRC-32C
// library is worth a dependency for this: both are a few lines.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "chattrain/project.h"
#include "chattrain/train.h"

namespace chattrain {

std::uint32_t crc32c(std::string_view bytes);  // Castagnoli, as TFRecord uses

// The scalars of every event file in `folder`, in the order the files were written; a resumed run's
// redone steps replace the earlier ones, as TensorBoard shows them. Values are the floats stored. A
// damaged record (a kill mid-write, a bad CRC) ends its file's points there. For `project repair`.
std::vector<MetricPoint> read_tensorboard_scalars(const std::string& folder);

class TensorBoardWriter {
 public:
  // The file (events.out.tfevents.<seconds>.chattrain.<pid>[.n]) is created in `folder` on the first write.
  explicit TensorBoardWriter(std::string folder);
  ~TensorBoardWriter();
  TensorBoardWriter(const TensorBoardWriter&) = delete;
  TensorBoardWriter& operator=(const TensorBoardWriter&) = delete;
  // Appends one event per point and flushes. Throws Error naming the file when it cannot be written.
  void write(const std::vector<MetricPoint>& points);
  const std::string& path() const { return path_; }

 private:
  void open(std::int64_t first_step);
  void record(const std::string& event);
  std::string folder_, path_;
  std::FILE* file_ = nullptr;
};

// Passes everything on to `next` and writes the metrics into `run_dir` as TensorBoard events. The curves
// are a convenience: a disk that refuses them stops the events, with one message, never the training.
class TensorBoardObserver : public ForwardingObserver {
 public:
  TensorBoardObserver(const std::string& run_dir, TrainingObserver& next) : ForwardingObserver(&next), writer_(run_dir) {}
  void on_metrics(const std::vector<MetricPoint>& points) override;

 private:
  TensorBoardWriter writer_;
  bool failed_ = false;
};

}  // namespace chattrain
