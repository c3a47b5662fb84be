#include "export/tensorboard.h"

#include <algorithm>
#include <array>
#include <cstdlib>
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

// Reading back what scalar_event wrote: protobuf fields, each a varint or a run of bytes.
struct ProtoReader {
  std::string_view bytes;
  bool failed = false;
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64 && !bytes.empty(); shift += 7) {
      const auto b = static_cast<unsigned char>(bytes.front());
      bytes.remove_prefix(1);
      v |= std::uint64_t(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    failed = true;
    return 0;
  }
  std::string_view take(std::uint64_t n) {
    if (n > bytes.size()) {
      failed = true;
      n = bytes.size();
    }
    const auto out = bytes.substr(0, size_t(n));
    bytes.remove_prefix(size_t(n));
    return out;
  }
  // Calls on_field(field, wire_type, payload, number) for each field: a varint's value in `number`, the
  // bytes of a fixed-width or length-delimited one in `payload`.
  template <class OnField>
  void fields(const OnField& on_field) {
    while (!bytes.empty() && !failed) {
      const std::uint64_t k = varint();
      const int field = int(k >> 3), wire = int(k & 7);
      std::uint64_t number = 0;
      std::string_view payload;
      if (wire == 0) number = varint();
      else if (wire == 1) payload = take(8);
      else if (wire == 5) payload = take(4);
      else if (wire == 2) payload = take(varint());
      else failed = true;
      if (!failed) on_field(field, wire, payload, number);
    }
  }
};

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

std::vector<MetricPoint> read_tensorboard_scalars(const std::string& folder) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
    if (entry.path().filename().string().find("tfevents") != std::string::npos) files.push_back(entry.path().string());
  // events.out.tfevents.<seconds>.chattrain.<pid>[.n]: by the seconds, then the name.
  const auto seconds = [](const std::string& f) { return std::atoll(f.c_str() + f.find("tfevents.") + 9); };
  std::sort(files.begin(), files.end(), [&](const std::string& a, const std::string& b) {
    return seconds(a) != seconds(b) ? seconds(a) < seconds(b) : a < b;
  });
  std::vector<MetricPoint> points;
  for (const auto& file : files) {
    const std::string bytes = fs::read_file(file);
    for (size_t at = 0; bytes.size() - at >= 16;) {
      std::uint64_t length;
      std::uint32_t length_crc, event_crc;
      std::memcpy(&length, bytes.data() + at, 8);
      std::memcpy(&length_crc, bytes.data() + at + 8, 4);
      if (masked(crc32c(std::string_view(bytes.data() + at, 8))) != length_crc || length > bytes.size() - at - 16) break;
      const std::string_view event(bytes.data() + at + 12, size_t(length));
      std::memcpy(&event_crc, bytes.data() + at + 12 + length, 4);
      if (masked(crc32c(event)) != event_crc) break;
      at += 16 + size_t(length);
      double wall_time = 0;
      std::int64_t step = 0;
      std::vector<std::pair<std::string, float>> values;
      bool restart = false;
      ProtoReader{event}.fields([&](int field, int wire, std::string_view payload, std::uint64_t number) {
        if (field == 1 && wire == 1) std::memcpy(&wall_time, payload.data(), 8);
        else if (field == 2 && wire == 0) step = std::int64_t(number);
        else if (field == 6 && wire == 2) restart = true;  // SessionLog START: a resume redoes the steps from here
        else if (field == 5 && wire == 2)
          ProtoReader{payload}.fields([&](int f, int w, std::string_view value, std::uint64_t) {
            if (f != 1 || w != 2) return;
            std::string tag;
            float simple = 0;
            bool has_value = false;
            ProtoReader{value}.fields([&](int vf, int vw, std::string_view v, std::uint64_t) {
              if (vf == 1 && vw == 2) tag = std::string(v);
              if (vf == 2 && vw == 5) std::memcpy(&simple, v.data(), 4), has_value = true;
            });
            if (!tag.empty() && has_value) values.emplace_back(tag, simple);
          });
      });
      if (restart)
        points.erase(std::remove_if(points.begin(), points.end(), [&](const MetricPoint& p) { return p.step >= step; }), points.end());
      for (const auto& [tag, value] : values) points.push_back({step, tag, double(value), wall_time});
    }
  }
  return points;
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
