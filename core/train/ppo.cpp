// PPO for language models, one iteration at a time:
//   1. rollouts: answers to a batch of prompts, sampled from the policy with the KV cache;
//   2. scoring, without gradients: the policy's log-probabilities and values, the reference's
//      log-probabilities, and the reward model's score of each whole answer;
//   3. rewards per token: −β·(log π − log π_ref) on every token (the KL penalty, which keeps the policy
//      near the SFT model) plus the normalised score on the answer's last token; GAE turns them into
//      advantages and returns;
//   4. ppo_epochs passes of minibatches with the clipped policy and value losses.
#include <chrono>
#include <cmath>
#include <numeric>
#include <set>
#include <thread>

#include "chattrain/error.h"
#include "chattrain/rlhf.h"
#include "chattrain/runtime.h"
#include "chattrain/tokenizer.h"
#include "export/tensorboard.h"
#include "generate/sampler.h"
#include "model/gpt.h"
#include "train/adamw.h"
#include "train/batches.h"
#include "train/checkpoint.h"
#include "train/device.h"
#include "train/distributed.h"
#include "train/preference_batches.h"
#include "train/rl_math.h"
#include "train/run_clock.h"
#include "util/translatable.h"

namespace chattrain {

using nlohmann::json;

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PpoConfig, iterations, prompts_per_batch, answers_per_prompt, max_new_tokens,
                                                temperature, per_prompt_baseline, ppo_epochs, minibatch, learning_rate, clip, value_clip, value_coef,
                                                value_lr_scale, gamma, lambda, kl_coef, kl_target, kl_horizon, max_kl, grad_clip,
                                                checkpoint_interval, keep_checkpoints, seed, device)

std::string PpoConfig::to_json() const { return json(*this).dump(2); }

namespace {

// One rollout: the prompt's tokens (as the policy saw them), the answer's, and what scoring found.
struct Rollout {
  std::string question;  // the prompt's last user turn, for the gallery
  std::vector<int> prompt, answer;
  bool ended = false;  // closed with <|im_end|> (kept as the answer's last token)
  double reward = 0;
  std::string text;
};

// Running mean and variance of the rewards (Welford), so that the score the policy sees keeps one
// scale however the reward model's drifts.
struct RunningStats {
  double count = 0, mean = 0, m2 = 0;
  void add(double x) {
    count += 1;
    const double d = x - mean;
    mean += d / count;
    m2 += d * (x - mean);
  }
  double std() const { return count > 1 ? std::sqrt(m2 / (count - 1)) : 1.0; }
};

// With several processes (chattrain/distributed.h) each answers every N-th prompt of a rollout batch (generation
// is most of PPO's time) and the answers are shared, so every process holds the whole batch, as one process
// would. Scoring, the reference's and the old policy's log-probabilities and the advantages are then computed
// on the whole batch in every process (cheap next to generation; it keeps the whitening and the reward
// statistics exactly those of one process). Each minibatch's rows are split among the processes, each loss
// weighted by its share of the minibatch's answer tokens, and the gradients summed.
class PpoTrainer {
 public:
  enum class Method { Ppo, Grpo };
  PpoTrainer(Method method, const PpoJob& job, TrainingObserver& observer, const StopToken& stop)
      : method_(method), job_(job), settings_(job.config), observer_(observer), stop_(stop), tokenizer_(Tokenizer::load(job.tokenizer_model)),
        kl_(job.config.kl_coef, job.config.kl_target, job.config.kl_horizon), policy_checkpoint_(job.policy_checkpoint),
        reward_checkpoint_(job.reward_checkpoint) {}

  TrainOutcome run() {
    if (job_.prompts.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 needs prompts: choose a prompt set"), {method_name()}));
    CheckpointData resumed;
    std::string resumed_from;
    if (job_.resume) {
      resumed_from = checkpoint_to_resume(job_.run_dir, "", stage()).dir;
      resumed = load_checkpoint(resumed_from, true);
      const std::string device = settings_.device;
      settings_ = resumed.config.at("run_config").get<PpoConfig>();  // the run's own settings; only the device may change
      settings_.device = device;
      policy_checkpoint_ = resumed.config.value("parent", "");
      kl_ = AdaptiveKLController(resumed.trainer_state.value("kl_coef", settings_.kl_coef), settings_.kl_target, settings_.kl_horizon);
      reward_stats_ = {resumed.trainer_state.value("reward_count", 0.0), resumed.trainer_state.value("reward_mean", 0.0),
                       resumed.trainer_state.value("reward_m2", 0.0)};
      if (!job_.reward_function) reward_checkpoint_ = resumed.config.value("reward_model", "");  // the run's own
    }
    if (reward_checkpoint_.empty() && !job_.reward_function)
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 needs a reward model: train one first"), {method_name()}));
    if (grpo() && settings_.answers_per_prompt < 2)
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "GRPO compares the answers to each prompt with each other: answer each prompt at least "
                                                    "twice (%1 now)"), {std::to_string(settings_.answers_per_prompt)}));
    if (!training_alone()) use_cpu_threads(cores_per_process());
    device_ = resolve_device(settings_.device);
    policy_ = load_model(policy_checkpoint_, tokenizer_);
    if (!grpo()) policy_->add_score_head(settings_.seed);  // the value head, new (GRPO has no critic)
    if (job_.resume) policy_->load_weights(resumed.model, resumed_from + "/model.safetensors");
    reference_ = load_model(policy_checkpoint_, tokenizer_);
    if (!job_.reward_function) {
      if (read_checkpoint_info(reward_checkpoint_).stage != "reward")
        throw Error(Message(QT_TRANSLATE_NOOP("Core", "checkpoint %1 is not a reward model"), {reward_checkpoint_}));
      reward_model_ = load_model(reward_checkpoint_, tokenizer_, /*score_head=*/true);
      reward_model_->to(device_);
      reward_model_->eval();
    }
    policy_->to(device_);
    reference_->to(device_);
    reference_->eval();
    for (auto& [name, p] : reference_->weights()) p.requires_grad_(false);
    optimizer_ = std::make_unique<AdamW>(AdamW::for_weights(policy_->weights(), AdamWSettings{0.9, 0.95, 1e-8, 0.0}));
    if (!grpo() && settings_.value_lr_scale != 1.0)
      for (const auto& [name, p] : policy_->weights())
        if (name == "score.weight") optimizer_->scale_learning_rate(p, settings_.value_lr_scale);
    parameters_ = optimizer_->parameters();
    std::int64_t iteration = 0;
    if (job_.resume) {
      optimizer_->load_state(resumed.optimizer, resumed_from + "/optimizer.safetensors");
      iteration = resumed.trainer_state.at("step").get<std::int64_t>();
    }
    const std::vector<Message> facts{
        std::to_string(policy_->config().parameter_count()), describe_device(device_), std::to_string(job_.prompts.size()),
        !reward_model_.is_empty() ? Message(QT_TRANSLATE_NOOP("Core", "reward model %1"), {reward_checkpoint_}) : Message(QT_TRANSLATE_NOOP("Core", "a reward function")),
        std::to_string(iteration)};
    std::vector<Message> with_method = facts;
    with_method.push_back(method_name());
    observer_.on_message(job_.resume ? Message(QT_TRANSLATE_NOOP("Core", "resuming %6 at iteration %5: %1 parameters on %2, %3 prompts, %4"), with_method)
                                     : Message(QT_TRANSLATE_NOOP("Core", "starting %6: %1 parameters on %2, %3 prompts, %4"), with_method));
    return loop(iteration);
  }

 private:
  TrainOutcome loop(std::int64_t iteration) {
    const auto started = std::chrono::steady_clock::now();
    const std::int64_t first = iteration;
    TrainOutcome outcome;
    while (iteration < settings_.iterations) {
      if (training_alone() ? stop_requested_after_pause(stop_) : any_rank(stop_.stop_requested())) {  // all stop together
        if (iteration > 0) outcome.checkpoint = save(iteration);
        outcome.status = TrainOutcome::Status::Stopped;
        outcome.message = Message(QT_TRANSLATE_NOOP("Core", "stopped at iteration %1"), {std::to_string(iteration)});
        break;
      }
      const auto generating = std::chrono::steady_clock::now();
      auto rollouts = generate(iteration);
      const double seconds_generating = seconds_since(generating);
      if (training_alone() && stop_.stop_requested()) continue;  // the loop's top saves and says so
      auto stats = train_on(rollouts, iteration);
      stats.seconds_generating = seconds_generating;
      ++iteration;
      outcome.final_loss = stats.loss;
      const double elapsed = seconds_since(started);
      answer_tokens_ += stats.tokens;
      const double now = wall_clock();
      const std::string p = stage() + "/";  // ppo/… or grpo/…
      std::vector<MetricPoint> metrics{{iteration, "train/loss", stats.loss, now},
                                       {iteration, p + "reward", stats.reward, now},
                                       {iteration, p + "kl", stats.kl, now}};
      if (!grpo()) metrics.push_back({iteration, p + "kl_coef", kl_.value(), now});
      metrics.push_back({iteration, p + "entropy", stats.entropy, now});
      metrics.push_back({iteration, p + "clip_fraction", stats.clip_fraction, now});
      metrics.push_back({iteration, p + "approx_kl", stats.approx_kl, now});
      if (!grpo()) metrics.push_back({iteration, p + "value_loss", stats.value_loss, now});
      metrics.push_back({iteration, p + "answer_length", stats.answer_length, now});
      if (grpo()) metrics.push_back({iteration, p + "flat_groups", stats.flat_groups, now});
      // Where the iteration's time went, as shares: answering (sampling the rollouts), the policy's and the
      // reference's log-probabilities of them, scoring them, and the PPO epochs.
      const double total = std::max(1e-9, stats.seconds_generating + stats.seconds_log_probs + stats.seconds_scoring + stats.seconds_updating);
      metrics.push_back({iteration, p + "time_generation", stats.seconds_generating / total, now});
      metrics.push_back({iteration, p + "time_log_probs", stats.seconds_log_probs / total, now});
      metrics.push_back({iteration, p + "time_scoring", stats.seconds_scoring / total, now});
      metrics.push_back({iteration, p + "time_update", stats.seconds_updating / total, now});
      observer_.on_metrics(metrics);
      observer_.on_progress({iteration, settings_.iterations, stats.loss, settings_.learning_rate, stats.grad_norm, answer_tokens_ / std::max(elapsed, 1e-9),
                             elapsed, double(settings_.iterations - iteration) * elapsed / double(iteration - first)});
      for (size_t i = 0; i < std::min<size_t>(2, rollouts.size()); ++i)
        observer_.on_sample(iteration, "» " + rollouts[i].question + "\n" + rollouts[i].text + "\n[reward " +
                                           std::to_string(rollouts[i].reward) + "]");
      if (!grpo()) kl_.update(stats.kl, double(rollouts.size()));  // GRPO's β is fixed
      RolloutHealth health{stats.finite, stats.reward, stats.kl, stats.answer_length, {}};
      for (const auto& r : rollouts) health.answers.push_back(r.text);
      std::optional<Message> problem = rollout_guard(health, settings_.max_kl);
      // Every process must take the same way out (the others would wait in the next collective); each
      // judges the whole batch, but floats on GPUs may differ between them.
      if (!training_alone() && any_rank(problem.has_value()) && !problem)
        problem = Message(QT_TRANSLATE_NOOP("Core", "Another process of the run found the rollouts unhealthy."));
      if (problem) {
        outcome.status = TrainOutcome::Status::Diverged;
        outcome.step = iteration;
        outcome.message = outcome.checkpoint.empty()
                              ? Message(QT_TRANSLATE_NOOP("Core", "%1 The run has no checkpoint yet."), {*problem})
                              : Message(QT_TRANSLATE_NOOP("Core", "%1 Its last good checkpoint is %2."), {*problem, outcome.checkpoint});
        observer_.on_message(outcome.message);
        return outcome;
      }
      if (iteration == settings_.iterations || (settings_.checkpoint_interval > 0 && iteration % settings_.checkpoint_interval == 0))
        outcome.checkpoint = save(iteration);
    }
    outcome.step = iteration;
    if (outcome.status == TrainOutcome::Status::Finished) outcome.message = Message(QT_TRANSLATE_NOOP("Core", "finished %1 iterations"), {std::to_string(iteration)});
    return outcome;
  }

  const Conversation& prompt_of(size_t rollout, std::int64_t iteration) const {
    const size_t j = rollout / size_t(settings_.answers_per_prompt);
    return job_.prompts[mix64(settings_.seed ^ mix64(std::uint64_t(iteration) * 7919 + j)) % job_.prompts.size()];
  }

  std::vector<Rollout> generate(std::int64_t iteration) {
    std::vector<Rollout> out;
    policy_->eval();
    const std::int64_t context = policy_->config().context_length;
    const int group = settings_.answers_per_prompt;
    // Per rollout: the sampled answer (without its stop token) and whether a stop token ended it.
    std::vector<std::vector<int>> answers(size_t(settings_.prompts_per_batch * group));
    std::vector<bool> ended(answers.size(), false);
    std::vector<std::vector<int>> prompts;
    std::vector<PromptAnswers> mine;  // the prompts this process answers, all in one batch
    std::vector<int> mine_at;         // which prompt of the batch each is
    for (int j = 0; j < settings_.prompts_per_batch; ++j) {
      const Conversation& prompt = prompt_of(size_t(j) * size_t(group), iteration);
      std::vector<int> tokens{tokenizer_.eos_id()};
      const auto rendered = tokenize_conversation(prompt, tokenizer_, true).tokens;
      tokens.insert(tokens.end(), rendered.begin(), rendered.end());
      // Cut the prompt here (not in the sampler) so that scoring sees exactly what the policy saw.
      const std::int64_t room = std::max<std::int64_t>(1, std::min<std::int64_t>(settings_.max_new_tokens, context / 2));
      if (std::int64_t(tokens.size()) > context - room) tokens.erase(tokens.begin(), tokens.end() - (context - room));
      prompts.push_back(tokens);
      if (j % world_.size != world_.rank) continue;  // another process answers it
      SamplingOptions options;
      options.temperature = settings_.temperature;
      options.top_k = 0;
      options.top_p = 1.0;
      options.repetition_penalty = 1.0;
      options.max_new_tokens = int(std::min<std::int64_t>(settings_.max_new_tokens, context - std::int64_t(tokens.size())));
      options.seed = settings_.seed + std::uint64_t(iteration) * 100003 + std::uint64_t(j) * 101;
      mine.push_back({tokens, group, options});
      mine_at.push_back(j);
    }
    std::vector<std::string> reasons;
    // Alone, a stop request cuts the answers short; several processes finish the batch and stop together.
    const auto sampled = sample_batch(policy_, mine, {tokenizer_.im_end_id(), tokenizer_.eos_id()},
                                      [this] { return !training_alone() || !stop_.stop_requested(); }, &reasons);
    for (size_t m = 0; m < mine.size(); ++m)
      for (size_t r = 0; r < size_t(group); ++r) {
        const size_t row = m * size_t(group) + r, rollout = size_t(mine_at[m] * group) + r;
        answers[rollout] = sampled[row];
        ended[rollout] = reasons[row] == "stop token";
      }
    share_answers(answers, ended);
    for (size_t i = 0; i < answers.size(); ++i) {
      Rollout rollout{prompt_of(i, iteration).messages.back().content, prompts[i / size_t(group)], answers[i], ended[i], 0, tokenizer_.decode(answers[i])};
      if (rollout.ended) rollout.answer.push_back(tokenizer_.im_end_id());
      if (rollout.answer.empty()) rollout.answer.push_back(tokenizer_.im_end_id());  // an empty answer still gets scored
      out.push_back(std::move(rollout));
    }
    return out;
  }

  // Every process gets the answers the others sampled: two sums across processes, where each process
  // fills only its own rollouts' places (the answers' lengths and stop flags, then their tokens).
  void share_answers(std::vector<std::vector<int>>& answers, std::vector<bool>& ended) const {
    if (training_alone()) return;
    const int group = settings_.answers_per_prompt;
    auto mine = [&](size_t i) { return int(i / size_t(group)) % world_.size == world_.rank; };
    auto shape = torch::zeros({std::int64_t(answers.size()), 2}, torch::kInt64);  // length, ended
    auto s = shape.accessor<std::int64_t, 2>();
    for (size_t i = 0; i < answers.size(); ++i)
      if (mine(i)) s[std::int64_t(i)][0] = std::int64_t(answers[i].size()), s[std::int64_t(i)][1] = ended[i];
    all_reduce_sum({shape});
    std::vector<std::int64_t> offset(answers.size() + 1, 0);
    for (size_t i = 0; i < answers.size(); ++i) offset[i + 1] = offset[i] + s[std::int64_t(i)][0];
    auto tokens = torch::zeros({std::max<std::int64_t>(1, offset.back())}, torch::kInt64);
    auto t = tokens.accessor<std::int64_t, 1>();
    for (size_t i = 0; i < answers.size(); ++i)
      if (mine(i))
        for (size_t k = 0; k < answers[i].size(); ++k) t[offset[i] + std::int64_t(k)] = answers[i][k];
    all_reduce_sum({tokens});
    for (size_t i = 0; i < answers.size(); ++i) {
      if (mine(i)) continue;
      answers[i].assign(size_t(s[std::int64_t(i)][0]), 0);
      for (size_t k = 0; k < answers[i].size(); ++k) answers[i][k] = int(t[offset[i] + std::int64_t(k)]);
      ended[i] = s[std::int64_t(i)][1] != 0;
    }
  }

  struct IterationStats {
    double loss = 0, reward = 0, kl = 0, entropy = 0, clip_fraction = 0, approx_kl = 0, value_loss = 0, answer_length = 0,
           grad_norm = 0, tokens = 0;
    double flat_groups = 0;  // GRPO: share of prompts whose answers all scored the same (no signal)
    double seconds_generating = 0, seconds_log_probs = 0, seconds_scoring = 0, seconds_updating = 0;
    bool finite = true;
  };

  // The rollouts as rows: tokens (N, T), and per action i (predicting token i + 1) its mask (N, T−1).
  struct Batch {
    torch::Tensor tokens, lengths, action_mask;
  };
  Batch batch_of(const std::vector<Rollout>& rollouts) const {
    std::vector<AnswerSequence> rows;
    for (const auto& r : rollouts) {
      AnswerSequence s;
      s.tokens = r.prompt;
      s.tokens.insert(s.tokens.end(), r.answer.begin(), r.answer.end());
      s.answer_mask.assign(r.prompt.size(), 0.0f);
      s.answer_mask.insert(s.answer_mask.end(), r.answer.size(), 1.0f);
      rows.push_back(std::move(s));
    }
    std::vector<const AnswerSequence*> pointers;
    for (const auto& r : rows) pointers.push_back(&r);
    const auto padded = pad_rows(pointers, tokenizer_.eos_id(), device_);
    const auto T = padded.tokens.size(1);
    return {padded.tokens, padded.lengths, padded.answer_mask.narrow(1, 1, T - 1).contiguous()};
  }

  std::vector<Rollout> closed(std::vector<Rollout> rollouts) const {
    const auto context = size_t(policy_->config().context_length);
    for (auto& r : rollouts) {
      if (r.answer.back() == tokenizer_.im_end_id()) continue;
      if (r.prompt.size() + r.answer.size() >= context) r.answer.pop_back();  // the context is full: the end replaces the last token
      r.answer.push_back(tokenizer_.im_end_id());
    }
    return rollouts;
  }

  // The policy is the distribution the rollouts were sampled from: the logits over the sampling
  // temperature. Ratios, the KL to the reference (at the same temperature) and the entropy all use it.
  torch::Tensor action_distribution_logits(const torch::Tensor& logits, std::int64_t T) const {
    auto out = logits.narrow(1, 0, T - 1).to(torch::kFloat32);
    return settings_.temperature == 1.0 ? out : out / settings_.temperature;
  }
  // Log-probability of each action's token (N, T−1) from logits (N, T, V).
  torch::Tensor action_log_probs(const torch::Tensor& logits, const torch::Tensor& tokens) const {
    const auto T = tokens.size(1);
    return action_distribution_logits(logits, T).log_softmax(-1).gather(-1, tokens.narrow(1, 1, T - 1).unsqueeze(-1)).squeeze(-1);
  }

  IterationStats train_on(std::vector<Rollout>& rollouts, std::int64_t iteration) {
    IterationStats stats;
    auto phase = std::chrono::steady_clock::now();
    auto lap = [&phase](double& seconds) {  // the time since the last lap, into `seconds`
      seconds += seconds_since(phase);
      phase = std::chrono::steady_clock::now();
    };
    const Batch batch = batch_of(rollouts);  // counted with the log-probabilities it is built for
    const auto N = batch.tokens.size(0), T = batch.tokens.size(1);
    const auto& mask = batch.action_mask;  // (N, T−1)
    torch::Tensor old_logp, old_values, ref_logp, scores;
    std::vector<double> group_scores;  // GRPO's advantage per answer
    {
      torch::NoGradGuard no_grad;
      if (grpo()) {
        old_logp = action_log_probs(policy_->forward(batch.tokens), batch.tokens);
      } else {
        auto [logits, values] = policy_->forward_with_values(batch.tokens);
        old_logp = action_log_probs(logits, batch.tokens);
        old_values = values.narrow(1, 0, T - 1);  // the state before each action
      }
      ref_logp = action_log_probs(reference_->forward(batch.tokens), batch.tokens);
      lap(stats.seconds_log_probs);
      std::vector<double> raw;
      // The reward model learned answers that end in <|im_end|>, and scores at a sequence's last token: a
      // rollout cut off at max tokens is scored closed the same way, not at an ordinary token its score head
      // never saw (the policy still learns from the tokens it sampled).
      const Batch scored = reward_model_.is_empty() ? Batch{} : batch_of(closed(rollouts));
      if (!reward_model_.is_empty()) {
        const auto s = reward_model_->score(scored.tokens, scored.lengths).to(torch::kCPU).to(torch::kFloat64);
        raw.assign(s.data_ptr<double>(), s.data_ptr<double>() + s.numel());
      } else {
        for (size_t i = 0; i < rollouts.size(); ++i) raw.push_back(job_.reward_function(prompt_of(i, iteration), rollouts[i].text));
      }
      lap(stats.seconds_scoring);
      for (size_t i = 0; i < rollouts.size(); ++i) {
        rollouts[i].reward = raw[i];
        stats.reward += raw[i] / double(rollouts.size());
      }
      if (grpo()) {
        group_scores = group_normalised_scores(raw, settings_.answers_per_prompt);
        stats.flat_groups = flat_group_share(raw, settings_.answers_per_prompt);
      } else {
        const std::vector<double> relative = settings_.per_prompt_baseline ? leave_one_out_scores(raw, settings_.answers_per_prompt) : raw;
        for (double r : relative) reward_stats_.add(r);
        // Normalised by the running statistics: the advantage's scale should not follow the reward model's.
        std::vector<float> normalised;
        for (double r : relative) normalised.push_back(float((r - reward_stats_.mean) / std::max(reward_stats_.std(), 1e-6)));
        scores = torch::tensor(normalised).to(device_);
      }
    }
    const auto kl_per_token = (old_logp - ref_logp) * mask;  // (N, T−1)
    torch::Tensor advantages, returns;
    if (grpo()) {
      // No critic: every token of an answer carries the answer's group-normalised score; the KL to the
      // reference is a term of the loss, not of the reward.
      std::vector<float> per_answer(group_scores.begin(), group_scores.end());
      advantages = torch::tensor(per_answer).to(device_).view({-1, 1}) * mask;
    } else {
      // Rewards per action: the KL penalty everywhere, the score on the answer's last token.
      auto rewards = -kl_.value() * kl_per_token;
      const auto last = (batch.lengths - 2).view({-1, 1});  // the action that produced the last token
      rewards = rewards.scatter_add(1, last, scores.view({-1, 1}));
      std::tie(advantages, returns) = generalized_advantages(rewards, old_values, mask, settings_.gamma, settings_.lambda);
      advantages = masked_whiten(advantages, mask);
    }
    stats.kl = (kl_per_token.sum(1)).mean().item<double>();
    stats.answer_length = mask.sum(1).mean().item<double>();
    stats.tokens = mask.sum().item<double>();

    policy_->train();
    auto generator = at::make_generator<at::CPUGeneratorImpl>(settings_.seed ^ std::uint64_t(iteration));
    int updates = 0;
    for (int epoch = 0; epoch < settings_.ppo_epochs; ++epoch) {
      const auto order = torch::randperm(N, generator);
      for (std::int64_t start = 0; start < N; start += settings_.minibatch) {
        const auto minibatch = order.narrow(0, start, std::min<std::int64_t>(settings_.minibatch, N - start));
        // This process's rows of the minibatch (all of them alone), and its share of the minibatch's answer
        // tokens: the losses are means over those tokens, so shares summed across processes give the mean over all.
        const auto index = (training_alone() ? minibatch : minibatch.slice(0, world_.rank, c10::nullopt, world_.size))
                               .to(device_);
        const auto m = mask.index_select(0, index);
        const double share = training_alone() ? 1.0 : m.sum().item<double>() / std::max(1.0, mask.index_select(0, minibatch.to(device_)).sum().item<double>());
        // loss, value loss, clip fraction, approx. KL, entropy: this process's shares, then summed
        auto parts = torch::zeros({5}, torch::kFloat64);
        optimizer_->zero_grad();
        if (index.size(0) > 0) {
          const auto tokens = batch.tokens.index_select(0, index);
          torch::Tensor logits, value_loss = torch::zeros({}, device_), loss;
          if (grpo()) {
            logits = policy_->forward(tokens);
          } else {
            torch::Tensor values;
            std::tie(logits, values) = policy_->forward_with_values(tokens);
            value_loss = clipped_value_loss(values.narrow(1, 0, T - 1), old_values.index_select(0, index), returns.index_select(0, index),
                                            m, settings_.value_clip);
          }
          const auto logp = action_log_probs(logits, tokens);
          const auto policy = clipped_policy_loss(logp, old_logp.index_select(0, index), advantages.index_select(0, index), m, settings_.clip);
          if (grpo())  // β·KL(π‖π_ref) per token, fixed β
            loss = policy.loss + settings_.kl_coef * masked_mean(k3_kl(logp, ref_logp.index_select(0, index)), m);
          else
            loss = policy.loss + settings_.value_coef * value_loss;
          (share == 1.0 ? loss : loss * share).backward();
          torch::NoGradGuard no_grad;
          const auto p = action_distribution_logits(logits, T).softmax(-1);
          const auto entropy = -(p * p.clamp_min(1e-12).log()).sum(-1);  // (n, T−1)
          const double measured[] = {loss.item<double>(), value_loss.item<double>(), policy.clip_fraction, policy.approx_kl,
                                     masked_mean(entropy, m).item<double>()};
          for (int i = 0; i < 5; ++i) parts[i] = measured[i] * share;
        }
        if (!training_alone()) {
          std::vector<torch::Tensor> summed{parts};
          for (auto& p : parameters_) {
            if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
            summed.push_back(p.grad());
          }
          all_reduce_sum(summed);
        }
        const double grad_norm = torch::nn::utils::clip_grad_norm_(parameters_, settings_.grad_clip);
        const double loss = parts[0].item<double>();
        if (!std::isfinite(loss) || !std::isfinite(grad_norm)) {
          stats.finite = false;
          return stats;
        }
        optimizer_->step(settings_.learning_rate);
        stats.loss += loss;
        stats.value_loss += parts[1].item<double>();
        stats.clip_fraction += parts[2].item<double>();
        stats.approx_kl += parts[3].item<double>();
        stats.entropy += parts[4].item<double>();
        stats.grad_norm += grad_norm;
        ++updates;
      }
    }
    for (double* x : {&stats.loss, &stats.value_loss, &stats.clip_fraction, &stats.approx_kl, &stats.entropy, &stats.grad_norm})
      *x /= std::max(1, updates);
    lap(stats.seconds_updating);
    return stats;
  }

  std::string save(std::int64_t iteration) {
    if (world_.rank != 0) return {};  // rank 0 alone writes
    CheckpointData data;
    data.model = policy_->weights();
    data.optimizer = optimizer_->state();
    data.config = {{"stage", stage()}, {"step", iteration}, {"model", json::parse(policy_->config().to_json())},
                   {"tokenizer_hash", tokenizer_.hash()}, {"parent", policy_checkpoint_},
                   {"reward_model", reward_checkpoint_}, {"run_config", json(settings_)}};
    data.trainer_state = {{"step", iteration}, {"kl_coef", kl_.value()}, {"reward_count", reward_stats_.count},
                          {"reward_mean", reward_stats_.mean}, {"reward_m2", reward_stats_.m2}};
    observer_.before_checkpoint(iteration);
    const std::string dir = save_checkpoint(job_.run_dir, iteration, data, settings_.keep_checkpoints);
    observer_.on_checkpoint(iteration, dir);
    return dir;
  }

  bool grpo() const { return method_ == Method::Grpo; }
  std::string stage() const { return grpo() ? "grpo" : "ppo"; }  // of its checkpoints, and its metrics' prefix
  Message method_name() const { return Message(grpo() ? "GRPO" : "PPO"); }

  const Method method_;
  const PpoJob& job_;
  PpoConfig settings_;
  TrainingObserver& observer_;
  const StopToken& stop_;
  Tokenizer tokenizer_;
  AdaptiveKLController kl_;
  torch::Device device_{torch::kCPU};
  GPT policy_{nullptr}, reference_{nullptr}, reward_model_{nullptr};
  std::vector<torch::Tensor> parameters_;
  std::unique_ptr<AdamW> optimizer_;
  RunningStats reward_stats_;
  const DistributedWorld world_ = process_world();
  double answer_tokens_ = 0;  // generated since this (re)start: the speed shown is answer tokens per second
  std::string policy_checkpoint_;  // where the run started: the SFT checkpoint, also the reference
  std::string reward_checkpoint_;  // empty with a reward function
};

}  // namespace

namespace {
TrainOutcome run_online_rl(PpoTrainer::Method method, const PpoJob& job, TrainingObserver& observer, const StopToken& stop) {
  prepare_cpu_runtime();
  if (process_world().rank != 0) return PpoTrainer(method, job, observer, stop).run();  // rank 0 alone writes events
  TensorBoardObserver with_events(job.run_dir, observer);
  return PpoTrainer(method, job, with_events, stop).run();
}
}  // namespace

TrainOutcome run_ppo(const PpoJob& job, TrainingObserver& observer, const StopToken& stop) {
  return run_online_rl(PpoTrainer::Method::Ppo, job, observer, stop);
}

TrainOutcome run_grpo(const PpoJob& job, TrainingObserver& observer, const StopToken& stop) {
  return run_online_rl(PpoTrainer::Method::Grpo, job, observer, stop);
}

PpoConfig default_grpo_config() {
  PpoConfig c;
  c.answers_per_prompt = 4;  // the group: GRPO's baseline is the group's mean, so it wants several answers
  c.kl_coef = 0.04;          // β of DeepSeekMath's GRPO, fixed (no target)
  return c;
}

}  // namespace chattrain
