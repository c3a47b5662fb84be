// chattrain generate (continue a prompt) and chattrain chat (talk in the terminal, saved in the project).
#include <chattrain/chat.h>
#include <chattrain/workflow.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "command.h"

namespace chattrain::cli {

namespace {

struct CheckpointFlags {
  std::string run, checkpoint, device = "auto";
  SamplingFlags sampling;
  void add(CLI::App* cmd) {
    cmd->add_option("--run", run, "Run whose latest checkpoint to use (default: the newest)");
    cmd->add_option("--checkpoint", checkpoint, "A checkpoint folder")->check(CLI::ExistingDirectory);
    cmd->add_option("--device", device, "auto, cpu, cuda or cuda:N")->capture_default_str();
    sampling.add(cmd);
  }
};

int generate_text(Project& project, const CheckpointFlags& flags, const std::string& prompt) {
  const StopToken& stop = stop_on_interrupt();
  const std::string checkpoint = resolve_checkpoint(project, flags.run, flags.checkpoint);
  auto generator = TextGenerator::load(checkpoint, project.tokenizer_model(), flags.device);
  std::printf("%s", prompt.c_str());
  const auto result = generator.generate(prompt, flags.sampling.options, [&](const std::string& text) {
    std::printf("%s", text.c_str());
    std::fflush(stdout);
    return !stop.stop_requested();
  });
  std::printf("\n[%zu tokens, %.1f tokens/s, ended by %s; checkpoint %s]\n", result.tokens.size(), result.tokens_per_second,
              result.stop_reason.c_str(), checkpoint.c_str());
  return 0;
}

// Interactive chat: one line per user turn, the answer streamed as it is sampled. Ctrl+C stops the
// answer (at the prompt it quits). The conversation is saved in the project after every answer.
std::atomic<bool> g_answering{false}, g_answer_stopped{false};
void on_chat_interrupt(int) {
  if (!g_answering) std::_Exit(130);
  g_answer_stopped = true;
}

int chat(Project& project, const CheckpointFlags& flags, std::string system_prompt) {
  const std::string checkpoint = resolve_checkpoint(project, flags.run, flags.checkpoint);
  auto generator = TextGenerator::load(checkpoint, project.tokenizer_model(), flags.device);
  const auto& info = generator.checkpoint();
  std::printf("chatting with %s (%s, step %lld). /reset starts over, /system TEXT sets the system prompt, /quit ends.\n",
              checkpoint.c_str(), info.stage.c_str(), static_cast<long long>(info.step));
  if (info.stage == stage_name(Stage::Pretrain))
    std::printf("note: this checkpoint is pretrained only; it continues text and may not stop where an answer ends.\n");
  std::signal(SIGINT, on_chat_interrupt);
  Conversation conversation;
  ChatRecord record{0, "", checkpoint, "", "", "", flags.sampling.options.to_json()};
  auto restart = [&] {
    conversation.messages.clear();
    if (!system_prompt.empty()) conversation.messages.push_back({"system", system_prompt});
    record.id = 0;
  };
  restart();
  std::string line;
  while (true) {
    std::printf("\nyou> ");
    std::fflush(stdout);
    if (!std::getline(std::cin, line) || line == "/quit" || line == "/exit") break;
    if (line.empty()) continue;
    if (line == "/reset") {
      restart();
      continue;
    }
    if (line.rfind("/system", 0) == 0) {
      system_prompt = line.size() > 8 ? line.substr(8) : "";
      restart();
      continue;
    }
    conversation.messages.push_back({"user", line});
    std::printf("assistant> ");
    g_answer_stopped = false;
    g_answering = true;
    const auto result = generator.chat(conversation, flags.sampling.options, [](const std::string& text) {
      std::printf("%s", text.c_str());
      std::fflush(stdout);
      return !g_answer_stopped;
    });
    g_answering = false;
    std::printf("\n[%zu tokens, %.1f tokens/s, ended by %s]\n", result.tokens.size(), result.tokens_per_second,
                result.stop_reason.c_str());
    conversation.messages.push_back({"assistant", result.text});
    if (record.title.empty() || record.id == 0) record.title = line.substr(0, 60);
    record.messages_json = messages_to_json(conversation);
    record.id = project.db().save_chat(record);
  }
  std::printf("\n");
  return 0;
}

}  // namespace

void add_generate_commands(CLI::App& app, Commands& commands) {
  auto generate_flags = std::make_shared<CheckpointFlags>();
  auto prompt = std::make_shared<std::string>();
  auto* generate = app.add_subcommand("generate", "Continue a prompt with a checkpoint");
  generate->add_option("--prompt", *prompt, "Text to continue");
  generate_flags->add(generate);
  commands.push_back({generate, in_project([generate_flags, prompt](Project& project) {
                        return generate_text(project, *generate_flags, *prompt);
                      })});

  auto chat_flags = std::make_shared<CheckpointFlags>();
  auto system = std::make_shared<std::string>(), export_file = std::make_shared<std::string>();
  auto* chat_cmd = app.add_subcommand("chat", "Talk with a checkpoint in the terminal (saved in the project)");
  chat_cmd->add_option("--system", *system, "System prompt");
  chat_cmd->add_option("--export", *export_file, "Write every saved chat to this JSONL file (OpenAI messages) and quit");
  chat_flags->add(chat_cmd);
  commands.push_back({chat_cmd, in_project([chat_flags, system, export_file](Project& project) {
                        if (export_file->empty()) return chat(project, *chat_flags, *system);
                        const auto chats = project.db().chats();
                        export_chats_jsonl(chats, *export_file);
                        std::printf("%zu chats written to %s\n", chats.size(), export_file->c_str());
                        return 0;
                      })});
}

}  // namespace chattrain::cli
