#include "export/tensorboard.h"

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <unistd.h>

#include "chattrain/error.h"
#include "chattrain/export.h"
#include "util/fs.h"
#include "util/translatable.h"

namespace chattrain {
namespace {

// Protobuf's wire format, the few pieces an Event needs.
void varint(std::string& out, std::uint64_t v) {
  for (; v >= 0x80; v >>= 7) out.push_back(char(v | 0x80));
  out.push_back(char(v));
}
void key(std::string& out, int field, int wire_type) { varint(out, std::uint64_t(field) << 3 | std::uint64_t(wire_type)); }
void int_field(std::string& out, int field, std::int64_t v) { key(out, field, 0), varint(out, std::uint64_t(v)); }
void double_field(std::string& out, int field, double v) { key(out, field, 1), out.append(reinterpret_cast<const char*>(&v), 8); }
void float_field(std::string& out, int field, float v) { key(out, field, 5), out.append(reinterpret_cast<const char*>(&v), 4); }
void bytes_field(std::string& out, int field, std::string_view v) { key(out, field, 2), varint(out, v.size()), out.append(v); }
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "protobuf's fixed-width fields are little-endian");

std::string scalar_event(const MetricPoint& p) {
  std::string value, summary, event;
  bytes_field(value, 1, p.name);             // Summary.Value.tag
  float_field(value, 2, float(p.value));     // Summary.Value.simple_value
  bytes_field(summary, 1, value);            // Summary.value
  double_field(event, 1, p.time);            // Event.wall_time
  int_field(event, 2, p.step);               // Event.step
  bytes_field(event, 5, summary);            // Event.summary
  return event;
}

std::uint32_t masked(std::uint32_t crc) { return ((crc >> 15) | (crc << 17)) + 0xa282ead8u; }

double seconds_now() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

bool has_event_files(const std::string& folder) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
    if (entry.path().filename().string().find("tfevents") != std::string::npos) return true;
  return false;
}

}  // namespace

std::uint32_t crc32c(std::string_view bytes) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = c & 1 ? (c >> 1) ^ 0x82f63b78u : c >> 1;  // the Castagnoli polynomial, reflected
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char b : bytes) crc = table[(crc ^ b) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

TensorBoardWriter::TensorBoardWriter(std::string folder) : folder_(std::move(folder)) {}

TensorBoardWriter::~TensorBoardWriter() {
  if (file_) std::fclose(file_);
}

void TensorBoardWriter::record(const std::string& event) {
  std::string header(8, '\0');
  const std::uint64_t length = event.size();
  std::memcpy(header.data(), &length, 8);
  std::string bytes = header;
  const std::uint32_t header_crc = masked(crc32c(header)), event_crc = masked(crc32c(event));
  bytes.append(reinterpret_cast<const char*>(&header_crc), 4);
  bytes += event;
  bytes.append(reinterpret_cast<const char*>(&event_crc), 4);
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fs::throw_io_error(QT_TRANSLATE_NOOP("Core", "write"), path_, errno);
}

void TensorBoardWriter::open(std::int64_t first_step) {
  std::filesystem::create_directories(folder_);
  const bool resumed = has_event_files(folder_);
  const double now = seconds_now();
  path_ = folder_ + "/events.out.tfevents." + std::to_string(std::int64_t(now)) + ".chattrain." + std::to_string(::getpid());
  for (int n = 2; std::filesystem::exists(path_); ++n)  // a run resumed within the same second: a file of its own
    path_ = path_.substr(0, path_.rfind(".chattrain.")) + ".chattrain." + std::to_string(::getpid()) + "." + std::to_string(n);
  file_ = std::fopen(path_.c_str(), "ab");
  if (!file_) fs::throw_io_error(QT_TRANSLATE_NOOP("Core", "create"), path_, errno);
  std::string version;
  double_field(version, 1, now);
  bytes_field(version, 3, "brain.Event:2");  // Event.file_version: the first event of every file
  record(version);
  if (resumed) {
    // A resumed run redoes the steps after its checkpoint. SessionLog{status: START} at the first step
    // again makes TensorBoard drop the earlier files' points from there on (its "purge"), as TensorFlow does.
    std::string session_log, event;
    int_field(session_log, 1, 1);  // SessionLog.status = START
    double_field(event, 1, now);
    int_field(event, 2, first_step);
    bytes_field(event, 6, session_log);  // Event.session_log
    record(event);
  }
}

void TensorBoardWriter::write(const std::vector<MetricPoint>& points) {
  if (points.empty()) return;
  if (!file_) open(points.front().step);
  for (const auto& p : points) record(scalar_event(p));
  if (std::fflush(file_) != 0) fs::throw_io_error(QT_TRANSLATE_NOOP("Core", "write"), path_, errno);
}

void TensorBoardObserver::on_metrics(const std::vector<MetricPoint>& points) {
  if (!failed_) {
    try {
      writer_.write(points);
    } catch (const Error& e) {
      failed_ = true;
      ForwardingObserver::on_message(Message(QT_TRANSLATE_NOOP("Core", "TensorBoard events are no longer written: %1"), {message_of(e)}));
    }
  }
  ForwardingObserver::on_metrics(points);
}

std::string write_tensorboard_events(const std::string& folder, const std::vector<MetricPoint>& points) {
  TensorBoardWriter writer(folder);
  writer.write(points);
  return writer.path();
}

std::string metrics_csv(const std::vector<MetricPoint>& points) {
  std::string out = "step,name,value,time\n";
  char line[512];
  for (const auto& m : points) {
    std::snprintf(line, sizeof line, "%lld,%s,%.9g,%.3f\n", static_cast<long long>(m.step), m.name.c_str(), m.value, m.time);
    out += line;
  }
  return out;
}

}  // namespace chattrain
