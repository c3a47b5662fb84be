// The local launcher of chattrain/distributed.h: N copies of this program as the ranks of one run.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "chattrain/distributed.h"
#include "chattrain/error.h"
#include "util/translatable.h"

namespace chattrain {

namespace {

std::atomic<int> g_signal{0};
void remember_signal(int signal) { g_signal = signal; }

// A port nobody listens on now: the kernel picks one for a socket bound to port 0.
int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) close(fd);
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "no free local port for the processes to meet on: %1"), {std::string(std::strerror(errno))}));
  }
  const int port = ntohs(address.sin_port);
  close(fd);
  return port;
}

std::string how_it_ended(int status) {
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
  return "exited with code " + std::to_string(WEXITSTATUS(status));
}

}  // namespace

int run_local_workers(int count, const std::string& program, const std::vector<std::string>& args,
                      const std::function<void(const std::string&)>& say, double grace_seconds) {
  const int port = free_port();
  // Ctrl+C from here on is passed to the workers, not the end of the launcher (their parent-death signal
  // would end them without a checkpoint).
  struct sigaction quiet {}, old_int {}, old_term {};
  quiet.sa_handler = remember_signal;
  sigaction(SIGINT, &quiet, &old_int);
  sigaction(SIGTERM, &quiet, &old_term);
  const pid_t launcher = getpid();
  std::vector<pid_t> workers(size_t(count), -1);
  for (int rank = 0; rank < count; ++rank) {
    const pid_t pid = fork();
    if (pid < 0) {
      const int error = errno;
      for (pid_t started : workers)
        if (started > 0) kill(started, SIGKILL), waitpid(started, nullptr, 0);
      sigaction(SIGINT, &old_int, nullptr);
      sigaction(SIGTERM, &old_term, nullptr);
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "could not start process %1: %2"), {std::to_string(rank), std::string(std::strerror(error))}));
    }
    if (pid == 0) {
      // The worker: its own process group, so that a Ctrl+C at the terminal reaches the launcher only (which
      // passes it on once), and it ends when the launcher does.
      setpgid(0, 0);
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (getppid() != launcher) _exit(1);  // the launcher ended before the signal was asked for
      signal(SIGINT, SIG_DFL);
      signal(SIGTERM, SIG_DFL);
      setenv("RANK", std::to_string(rank).c_str(), 1);
      setenv("LOCAL_RANK", std::to_string(rank).c_str(), 1);
      setenv("WORLD_SIZE", std::to_string(count).c_str(), 1);
      setenv("LOCAL_WORLD_SIZE", std::to_string(count).c_str(), 1);
      setenv("MASTER_ADDR", "127.0.0.1", 1);
      setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
      std::vector<char*> argv{const_cast<char*>(program.c_str())};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(program.c_str(), argv.data());
      _exit(127);
    }
    workers[size_t(rank)] = pid;
  }
  say("started " + std::to_string(count) + " processes (ranks 0-" + std::to_string(count - 1) + ") meeting on 127.0.0.1:" + std::to_string(port));

  int result = 0, running = count;
  bool stopping = false;
  auto stop_started = std::chrono::steady_clock::now();
  auto signal_all = [&](int signal) {
    for (pid_t pid : workers)
      if (pid > 0) kill(pid, signal);
  };
  while (running > 0) {
    if (const int signal = g_signal.exchange(0)) {
      signal_all(signal);  // each worker stops at the same step and rank 0 saves a checkpoint
      if (!stopping) stop_started = std::chrono::steady_clock::now();
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid > 0) {
      for (int rank = 0; rank < count; ++rank) {
        if (workers[size_t(rank)] != pid) continue;
        workers[size_t(rank)] = -1;
        --running;
        const bool failed = !WIFEXITED(status) || WEXITSTATUS(status) != 0;
        if (failed && result == 0) {
          result = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
          if (running > 0) {
            say("rank " + std::to_string(rank) + " " + how_it_ended(status) + ": stopping the other processes");
            stopping = true;
            stop_started = std::chrono::steady_clock::now();
            signal_all(SIGTERM);
          } else {
            say("rank " + std::to_string(rank) + " " + how_it_ended(status));
          }
        }
      }
      continue;
    }
    if (pid < 0 && errno == ECHILD) break;  // none left to wait for (SIGCHLD ignored by whoever started us)
    if (stopping && std::chrono::duration<double>(std::chrono::steady_clock::now() - stop_started).count() > grace_seconds) {
      signal_all(SIGKILL);  // they did not end in time
      stopping = false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  return result;
}

}  // namespace chattrain
