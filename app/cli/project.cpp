// chattrain project init FOLDER
#include "command.h"

namespace chattrain::cli {

void add_project_commands(CLI::App& app, Commands& commands) {
  auto* project_cmd = app.add_subcommand("project", "Create a project folder")->require_subcommand(1);
  auto folder = std::make_shared<std::string>();
  auto* init = project_cmd->add_subcommand("init", "Create a new project in FOLDER");
  init->add_option("folder", *folder, "Folder for the project (new or empty)")->required();
  commands.push_back({init, [folder](const std::string&) {
                        auto project = Project::create(*folder);
                        std::printf("created project %s\nnext: chattrain -p %s data import FILES (or --embedded), then tokenizer train, then pretrain\n",
                                    project.folder().c_str(), folder->c_str());
                        return 0;
                      }});
}

}  // namespace chattrain::cli
