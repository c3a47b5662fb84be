#pragma once
// Shared by the ranking and evaluation workflows: a prompt set read once, and the length of an answer
// as a reader counts it.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "chattrain/project.h"

namespace chattrain {

inline int character_count(const std::string& utf8) {  // code points: what a reader counts as length
  return int(std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A set's prompts, their candidates and rankings, read once.
struct PromptSetContents {
  std::string name;
  std::map<std::int64_t, PromptRecord> prompts;
  std::map<std::int64_t, std::vector<CandidateRecord>> candidates;
  std::vector<RankingRecord> rankings;
  PromptSetContents(Project& project, std::int64_t set_id) {
    for (const auto& s : project.db().prompt_sets())
      if (s.id == set_id) name = s.name;
    for (auto& p : project.db().prompts(set_id)) prompts.emplace(p.id, std::move(p));
    for (auto& c : project.db().candidates_of_set(set_id)) candidates[c.prompt_id].push_back(std::move(c));
    rankings = project.db().rankings_of_set(set_id);
  }
};

}  // namespace chattrain
