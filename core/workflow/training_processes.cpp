// Training in several local processes for the studio: the job through a file, the events back as JSON lines.
#include "chattrain/training_processes.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <fstream>
#include <limits>

#include "chattrain/error.h"
#include "train/stage_trainer.h"  // TrainingConfig as JSON
#include "util/fs.h"
#include "util/translatable.h"

namespace chattrain {

using nlohmann::json;

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ChatMessage, role, content)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Conversation, messages, source, line)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PreferencePair, prompt, chosen, rejected, weight, annotator, first_against_last)
NLOHMANN_JSON_SERIALIZE_ENUM(PairChoice, {{PairChoice::all_ordered, "all"}, {PairChoice::first_against_last, "first-last"}})
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PretrainJob, run_dir, data_dirs, tokenizer_model, config, resume, resume_checkpoint,
                                                resume_max_steps)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SftJob, run_dir, parent_checkpoint, tokenizer_model, conversations, val_fraction,
                                                validation, config, resume, resume_checkpoint, resume_max_steps)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RewardJob, run_dir, parent_checkpoint, tokenizer_model, pairs, val_fraction, validation,
                                                config, resume, resume_checkpoint, resume_max_steps)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DpoJob, run_dir, parent_checkpoint, tokenizer_model, pairs, val_fraction, validation,
                                                beta, sft_weight, pair_choice, config, resume, resume_checkpoint, resume_max_steps)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TrainProgress, step, max_steps, loss, learning_rate, grad_norm, tokens_per_second,
                                                elapsed_seconds, eta_seconds, model_flops_utilisation, memory_bytes, estimated_bytes)

namespace {

// The job file's "stage" names the alternative of DataParallelJob, in its order.
constexpr const char* kJobStages[] = {"pretrain", "sft", "reward", "dpo"};
static_assert(std::size(kJobStages) == std::variant_size_v<DataParallelJob>);
constexpr int kJobFileVersion = 1;

json message_json(const Message& m) {
  json args = json::array();
  for (const auto& a : m.args()) args.push_back(message_json(a));
  return m.pattern() ? json{{"pattern", m.pattern()}, {"args", args}} : json{{"text", m.literal()}};
}

Message message_from(const json& j) {
  if (j.contains("text")) return Message(j.at("text").get<std::string>());
  std::vector<Message> args;
  for (const auto& a : j.at("args")) args.push_back(message_from(a));
  return Message(j.at("pattern").get<std::string>().c_str(), std::move(args));
}

// Losses that diverged are NaN or infinite, which JSON cannot hold: null, read back as NaN.
double number_from(const json& j) { return j.is_number() ? j.get<double>() : std::numeric_limits<double>::quiet_NaN(); }

const char* status_word(TrainOutcome::Status status) {
  switch (status) {
    case TrainOutcome::Status::Finished: return "finished";
    case TrainOutcome::Status::Stopped: return "stopped";
    case TrainOutcome::Status::Diverged: return "diverged";
    case TrainOutcome::Status::OutOfMemory: return "out_of_memory";
  }
  return "finished";
}

std::optional<TrainOutcome::Status> status_from(const std::string& word) {
  for (auto status : {TrainOutcome::Status::Finished, TrainOutcome::Status::Stopped, TrainOutcome::Status::Diverged,
                      TrainOutcome::Status::OutOfMemory})
    if (word == status_word(status)) return status;
  return std::nullopt;
}

}  // namespace

std::string job_to_json(const DataParallelJob& job) {
  json j{{"version", kJobFileVersion}, {"stage", kJobStages[job.index()]}};
  std::visit([&j](const auto& stage_job) { j["job"] = stage_job; }, job);
  return j.dump();
}

DataParallelJob read_job_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "cannot read the training job: %1"), {std::string(std::strerror(errno))})});
  try {
    const json j = json::parse(in);
    if (j.at("version").get<int>() != kJobFileVersion)
      throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "this training job was written by another version of ChatTrain"))});
    const std::string stage = j.at("stage").get<std::string>();
    const json& body = j.at("job");
    if (stage == "pretrain") return body.get<PretrainJob>();
    if (stage == "sft") return body.get<SftJob>();
    if (stage == "reward") return body.get<RewardJob>();
    if (stage == "dpo") return body.get<DpoJob>();
    throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "stage '%1' does not train in several processes"), {stage})});
  } catch (const json::exception& e) {
    throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "not a training job: %1"), {std::string(e.what())})});
  }
}

TrainOutcome run_job(const DataParallelJob& job, TrainingObserver& observer, const StopToken& stop) {
  struct Train {
    TrainingObserver& observer;
    const StopToken& stop;
    TrainOutcome operator()(const PretrainJob& j) const { return run_pretraining(j, observer, stop); }
    TrainOutcome operator()(const SftJob& j) const { return run_sft(j, observer, stop); }
    TrainOutcome operator()(const RewardJob& j) const { return run_reward(j, observer, stop); }
    TrainOutcome operator()(const DpoJob& j) const { return run_dpo(j, observer, stop); }
  };
  return std::visit(Train{observer, stop}, job);
}

// --- Events ---

void EventWriter::write(const std::string& line) {
  std::fputs(line.c_str(), out_);
  std::fputc('\n', out_);
  std::fflush(out_);
}

void EventWriter::on_progress(const TrainProgress& p) { write(json{{"progress", p}}.dump()); }

void EventWriter::on_metrics(const std::vector<MetricPoint>& points) {
  json rows = json::array();
  for (const auto& m : points) rows.push_back(json::array({m.step, m.name, m.value, m.time}));
  write(json{{"metrics", rows}}.dump());
}

void EventWriter::on_sample(std::int64_t step, const std::string& text) {
  write(json{{"sample", {{"step", step}, {"text", text}}}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

void EventWriter::before_checkpoint(std::int64_t step) { write(json{{"before_checkpoint", {{"step", step}}}}.dump()); }

void EventWriter::on_checkpoint(std::int64_t step, const std::string& dir) {
  write(json{{"checkpoint", {{"step", step}, {"dir", dir}}}}.dump());
}

void EventWriter::on_message(const Message& text) {
  write(json{{"message", message_json(text)}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

void EventWriter::outcome(const TrainOutcome& o) {
  write(json{{"outcome",
              {{"status", status_word(o.status)}, {"step", o.step}, {"checkpoint", o.checkpoint}, {"message", message_json(o.message)},
               {"final_loss", o.final_loss}, {"final_val_loss", o.final_val_loss}}}}
            .dump(-1, ' ', false, json::error_handler_t::replace));
}

void EventWriter::error(const Message& message) {
  write(json{{"error", message_json(message)}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::optional<TrainOutcome> replay_event(const std::string& line, TrainingObserver& observer, std::optional<Message>* error,
                                         std::string* other) {
  json j;
  if (line.empty() || line[0] != '{' || (j = json::parse(line, nullptr, false)).is_discarded() || !j.is_object() || j.size() != 1) {
    if (other) *other = line;
    return std::nullopt;
  }
  const auto& [kind, body] = *j.items().begin();
  // Read first, then passed on: what the observer throws is its own failure, not the line's.
  std::function<void()> pass_on;
  try {
    if (kind == "progress") {
      json known = body;  // a diverged loss came as null: the default, then NaN
      for (auto it = known.begin(); it != known.end();) it = it->is_null() ? known.erase(it) : std::next(it);
      TrainProgress p = known.get<TrainProgress>();
      p.loss = number_from(body.value("loss", json()));
      p.grad_norm = number_from(body.value("grad_norm", json()));
      pass_on = [&observer, p] { observer.on_progress(p); };
    } else if (kind == "metrics") {
      std::vector<MetricPoint> points;
      for (const auto& row : body)
        points.push_back({row.at(0).get<std::int64_t>(), row.at(1).get<std::string>(), number_from(row.at(2)), number_from(row.at(3))});
      pass_on = [&observer, points] { observer.on_metrics(points); };
    } else if (kind == "sample") {
      pass_on = [&observer, step = body.at("step").get<std::int64_t>(), text = body.at("text").get<std::string>()] {
        observer.on_sample(step, text);
      };
    } else if (kind == "before_checkpoint") {
      pass_on = [&observer, step = body.at("step").get<std::int64_t>()] { observer.before_checkpoint(step); };
    } else if (kind == "checkpoint") {
      pass_on = [&observer, step = body.at("step").get<std::int64_t>(), dir = body.at("dir").get<std::string>()] {
        observer.on_checkpoint(step, dir);
      };
    } else if (kind == "message") {
      pass_on = [&observer, m = message_from(body)] { observer.on_message(m); };
    } else if (kind == "outcome") {
      const auto status = status_from(body.at("status").get<std::string>());
      if (!status) {  // not one this version writes
        if (other) *other = line.substr(0, 300);
        return std::nullopt;
      }
      TrainOutcome o;
      o.status = *status;
      o.step = body.at("step").get<std::int64_t>();
      o.checkpoint = body.at("checkpoint").get<std::string>();
      o.message = message_from(body.at("message"));
      o.final_loss = number_from(body.at("final_loss"));
      o.final_val_loss = number_from(body.at("final_val_loss"));
      return o;
    } else if (kind == "error") {
      if (error) *error = message_from(body);
    } else if (other) {
      *other = line;
    }
  } catch (const json::exception&) {  // not a line EventWriter wrote: kept with the processes' other words
    if (other) *other = line.substr(0, 300);
    return std::nullopt;
  }
  if (pass_on) pass_on();
  return std::nullopt;
}

// --- The processes ---

namespace {

// Reads what a pipe has now; complete lines go to `line`. False at the end of the stream.
bool read_lines(int fd, std::string& buffer, const std::function<void(const std::string&)>& line) {
  char chunk[65536];
  const ssize_t n = read(fd, chunk, sizeof chunk);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  if (n <= 0) {
    if (!buffer.empty()) line(buffer);
    buffer.clear();
    return false;
  }
  buffer.append(chunk, size_t(n));
  size_t start = 0;
  for (size_t end; (end = buffer.find('\n', start)) != std::string::npos; start = end + 1) line(buffer.substr(start, end - start));
  buffer.erase(0, start);
  return true;
}

}  // namespace

TrainOutcome train_in_processes(const std::string& program, const DataParallelJob& job, int processes, TrainingObserver& observer,
                                const StopToken& stop) {
  const std::string run_dir = std::visit([](const auto& j) { return j.run_dir; }, job);
  std::filesystem::create_directories(run_dir);
  // The job lives in the run's folder while it trains (a dot file: not a checkpoint, not the user's).
  const std::string job_file = (std::filesystem::path(run_dir) / ".job.json").string();
  fs::write_file_atomic(job_file, job_to_json(job));
  struct RemoveJobFile {
    std::string path;
    ~RemoveJobFile() {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  } remove_job_file{job_file};

  int out[2] = {-1, -1}, err[2] = {-1, -1};
  auto close_all = [&] {
    for (int fd : {out[0], out[1], err[0], err[1]})
      if (fd >= 0) close(fd);
  };
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    const int error = errno;
    close_all();
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "could not start the chattrain program: %1"), {std::string(std::strerror(error))}));
  }
  const std::vector<std::string> args{program, "train-job", "--job", job_file, "--nproc-per-node", std::to_string(processes)};
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    const int error = errno;
    close_all();
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "could not start the chattrain program: %1"), {std::string(std::strerror(error))}));
  }
  if (pid == 0) {  // only async-signal-safe calls from here to exec: the parent has threads
    dup2(out[1], STDOUT_FILENO);
    dup2(err[1], STDERR_FILENO);
    // When the studio goes, the processes stop as on Ctrl+C: at the next step, with a checkpoint (train-job
    // ignores SIGPIPE, so rank 0's reports into the closed pipe do not end it first).
    prctl(PR_SET_PDEATHSIG, SIGINT);
    if (getppid() != parent) _exit(1);
    execv(program.c_str(), argv.data());
    const char failed[] = "could not run the chattrain program\n";
    (void)!write(STDERR_FILENO, failed, sizeof failed - 1);
    _exit(127);
  }
  close(out[1]);
  close(err[1]);

  std::optional<TrainOutcome> outcome;
  std::optional<Message> error;
  std::deque<std::string> said;  // the processes' last words on standard error, for a failure without an outcome
  auto hear = [&said](const std::string& line) {
    if (line.empty()) return;
    said.push_back(line);
    if (said.size() > 12) said.pop_front();
  };
  bool stop_sent = false;
  std::string out_buffer, err_buffer;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  try {
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
      if (stop.stop_requested() && !stop_sent) {
        kill(pid, SIGINT);  // the launcher passes it to every rank
        stop_sent = true;
      }
      if (poll(fds, 2, 200) < 0 && errno != EINTR) throw Error(std::string("poll: ") + std::strerror(errno));
      if (fds[0].fd >= 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) &&
          !read_lines(fds[0].fd, out_buffer, [&](const std::string& line) {
            std::string other;
            if (auto o = replay_event(line, observer, &error, &other)) outcome = std::move(o);
            hear(other);
          })) {
        close(fds[0].fd);
        fds[0].fd = -1;
      }
      if (fds[1].fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) && !read_lines(fds[1].fd, err_buffer, hear)) {
        close(fds[1].fd);
        fds[1].fd = -1;
      }
    }
  } catch (...) {  // the observer failed (the catalogue could not be written): the processes stop too
    kill(pid, SIGINT);
    for (int fd : {fds[0].fd, fds[1].fd})
      if (fd >= 0) close(fd);
    while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    throw;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (outcome) return *outcome;
  std::string words;
  for (const auto& line : said) words += (words.empty() ? "" : "\n") + line;
  // Rank 0's error may only be that another process went away: what the others said goes with it.
  if (error) throw Error(words.empty() ? *error : Message(QT_TRANSLATE_NOOP("Core", "%1\nThe processes said:\n%2"), {*error, words}));
  if (WIFSIGNALED(status))
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "the training processes were ended by signal %1 before the run finished:\n%2"),
                        {std::to_string(WTERMSIG(status)), words}));
  throw Error(Message(QT_TRANSLATE_NOOP("Core", "the training processes exited with code %1 before the run finished:\n%2"),
                      {std::to_string(WEXITSTATUS(status)), words}));
}

}  // namespace chattrain
