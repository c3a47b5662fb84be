// chattrain project init FOLDER; chattrain project repair [FOLDER]
#include <chattrain/project_repair.h>

#include "command.h"

namespace chattrain::cli {

void add_project_commands(CLI::App& app, Commands& commands) {
  auto* project_cmd = app.add_subcommand("project", "Create a project folder, or repair its catalogue")->require_subcommand(1);
  auto folder = std::make_shared<std::string>();
  auto* init = project_cmd->add_subcommand("init", "Create a new project in FOLDER");
  init->add_option("folder", *folder, "Folder for the project (new or empty)")->required();
  commands.push_back({init, [folder](const std::string&) {
                        auto project = Project::create(*folder);
                        std::printf("created project %s\nnext: chattrain -p %s data import FILES (or --embedded), then tokenizer train, then pretrain\n",
                                    project.folder().c_str(), folder->c_str());
                        return 0;
                      }});

  auto repair_folder = std::make_shared<std::string>();
  auto* repair = project_cmd->add_subcommand("repair", "Rebuild an emptied or damaged catalogue (project.sqlite) from the project's folders");
  repair->add_option("folder", *repair_folder, "Project folder (default: -p, or the current folder)");
  commands.push_back({repair, [repair_folder](const std::string& project_flag) {
                        const std::string folder = !repair_folder->empty() ? *repair_folder : !project_flag.empty() ? project_flag : ".";
                        const RepairResult repaired = repair_project(folder);
                        if (!repaired.damaged_copy.empty()) std::printf("the damaged catalogue is kept as %s\n", repaired.damaged_copy.c_str());
                        std::printf("catalogue rebuilt: %d datasets, %d runs, %lld metric points (from the runs' TensorBoard events)\n",
                                    repaired.datasets, repaired.runs, repaired.metrics);
                        for (const auto& note : repaired.notes) std::printf("note: %s\n", note.english().c_str());
                        return 0;
                      }});
}

}  // namespace chattrain::cli
