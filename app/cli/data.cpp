// chattrain data import PATHS…, chattrain data list
#include <chattrain/data.h>
#include <chattrain/workflow.h>

#include <filesystem>

#include "command.h"

namespace chattrain::cli {

namespace {

struct ImportFlags {
  std::vector<std::string> paths;
  std::string name, format = "auto";
  bool embedded = false;
};

int import_data(Project& project, ImportFlags flags) {
  if (flags.paths.empty() && !flags.embedded) throw Error("name files or folders to import, or --embedded");
  ImportResult result;
  std::string source;
  if (flags.embedded) {
    result = import_embedded_corpus();
    source = "embedded: chinese-poetry (MIT)";
    if (flags.name.empty()) flags.name = embedded_corpus_name;
  }
  for (const auto& path : flags.paths) {
    auto one = import_path(path, parse_input_format(flags.format));
    result.documents.insert(result.documents.end(), one.documents.begin(), one.documents.end());
    result.rejected.insert(result.rejected.end(), one.rejected.begin(), one.rejected.end());
    source += (source.empty() ? "" : ", ") + path;
  }
  print_rejected(result.rejected);
  if (flags.name.empty()) flags.name = std::filesystem::path(flags.paths.front()).stem().string();
  const auto record = save_dataset(project, flags.name, result, source, flags.format,
                                   [](auto d, auto t) { print_progress_bar("tokenizing documents", d, t); });
  std::printf("dataset %s: %lld documents, %lld characters (bytes), %lld rejected\n", record.name.c_str(),
              static_cast<long long>(record.documents), static_cast<long long>(record.characters), static_cast<long long>(record.rejected));
  return 0;
}

int list_data(Project& project) {
  std::printf("%-24s %-16s %10s %12s %9s  %s\n", "name", "kind", "documents", "bytes", "rejected", "source");
  for (const auto& d : project.db().datasets())
    std::printf("%-24s %-16s %10lld %12lld %9lld  %s\n", d.name.c_str(), d.kind.c_str(), static_cast<long long>(d.documents),
                static_cast<long long>(d.characters), static_cast<long long>(d.rejected), d.source.c_str());
  return 0;
}

}  // namespace

void add_data_commands(CLI::App& app, Commands& commands) {
  auto* data = app.add_subcommand("data", "Import and list datasets")->require_subcommand(1);
  auto flags = std::make_shared<ImportFlags>();
  auto* import = data->add_subcommand("import", "Import text, Markdown, JSONL or chinese-poetry JSON files or folders");
  import->add_option("paths", flags->paths, "Files or folders");
  import->add_option("--name", flags->name, "Dataset name (default: the first file's name)");
  import->add_option("--format", flags->format, "auto, text, markdown, jsonl or chinese-poetry")->capture_default_str();
  import->add_flag("--embedded", flags->embedded, "Import the embedded Tang poems");
  commands.push_back({import, in_project([flags](Project& project) { return import_data(project, *flags); })});
  commands.push_back({data->add_subcommand("list", "List the project's datasets"), in_project(list_data)});
}

}  // namespace chattrain::cli
