// chattrain runs [list], chattrain runs show RUN
#include <chattrain/export.h>

#include <filesystem>

#include "command.h"

namespace chattrain::cli {

namespace {

int list_runs(Project& project) {
  std::printf("%-32s %-10s %-10s %-22s %s\n", "run", "stage", "status", "created", "latest checkpoint");
  for (const auto& r : project.db().runs()) {
    const auto latest = latest_checkpoint(project.run_dir(r.id));
    std::printf("%-32s %-10s %-10s %-22s %s\n", r.id.c_str(), stage_name(r.stage), status_name(r.status), r.created_at.c_str(),
                latest ? std::filesystem::path(*latest).filename().c_str() : "-");
  }
  return 0;
}

}  // namespace

void add_runs_commands(CLI::App& app, Commands& commands) {
  auto* runs = app.add_subcommand("runs", "List runs, or show one run's metrics");
  commands.push_back({runs->add_subcommand("list", "List the project's runs"), in_project(list_runs)});
  auto run = std::make_shared<std::string>(), metric = std::make_shared<std::string>();
  auto* show = runs->add_subcommand("show", "Print a run's metrics as CSV");
  show->add_option("run", *run, "Run id")->required();
  show->add_option("--metric", *metric, "Only this metric, e.g. val/loss");
  commands.push_back({show, in_project([run, metric](Project& project) {
                        if (!project.db().run(*run)) throw Error("run " + *run + " does not exist (see chattrain runs list)");
                        std::printf("%s", metrics_csv(project.db().metrics(*run, *metric)).c_str());
                        return 0;
                      })});
  // `chattrain runs` alone lists them: registered last, so that list and show are found first.
  commands.push_back({runs, in_project(list_runs)});
}

}  // namespace chattrain::cli
