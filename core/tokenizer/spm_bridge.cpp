// The only translation unit that sees SentencePiece. See spm_bridge.h for why.
#include "spm_bridge.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>

struct ctspm {
  sentencepiece::SentencePieceProcessor processor;
};

namespace {

char* duplicate(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out) {
    std::memcpy(out, s.data(), s.size());
    out[s.size()] = '\0';
  }
  return out;
}

void set_error(char** error, const std::string& message) {
  if (error) *error = duplicate(message);
}

class CallbackSentences : public sentencepiece::SentenceIterator {
 public:
  CallbackSentences(ctspm_next_sentence next, void* user) : next_(next), user_(user) { Next(); }
  bool done() const override { return done_; }
  void Next() override {
    size_t length = 0;
    const char* s = next_(user_, &length);
    if (!s) {
      done_ = true;
      return;
    }
    value_.assign(s, length);
  }
  const std::string& value() const override { return value_; }
  sentencepiece::util::Status status() const override { return sentencepiece::util::Status(); }

 private:
  ctspm_next_sentence next_;
  void* user_;
  std::string value_;
  bool done_ = false;
};

}  // namespace

extern "C" {

ctspm* ctspm_load(const char* model_path, char** error) {
  auto* model = new ctspm;
  const auto status = model->processor.Load(model_path);
  if (!status.ok()) {
    set_error(error, status.ToString());
    delete model;
    return nullptr;
  }
  return model;
}

void ctspm_close(ctspm* model) { delete model; }

int ctspm_vocab_size(const ctspm* model) { return model->processor.GetPieceSize(); }

int ctspm_piece_to_id(const ctspm* model, const char* piece, size_t length) {
  return model->processor.PieceToId(absl::string_view(piece, length));
}

const char* ctspm_id_to_piece(const ctspm* model, int id, size_t* length) {
  const std::string& piece = model->processor.IdToPiece(id);
  *length = piece.size();
  return piece.data();
}

float ctspm_score(const ctspm* model, int id) { return model->processor.GetScore(id); }

namespace {

// Protocol Buffers' wire format, just enough to read one number out of the serialized model (Debian
// ships no generated sentencepiece_model.pb.h): a varint, and a walk over a message's fields.
bool read_varint(const std::string& bytes, size_t& at, std::uint64_t& value) {
  value = 0;
  for (int shift = 0; at < bytes.size() && shift < 64; shift += 7) {
    const auto byte = static_cast<unsigned char>(bytes[at++]);
    value |= std::uint64_t(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

// The varint of field `wanted` in the message bytes[begin, end), or of the length-delimited field it is
// found inside: returns the field's value (varint) or its [begin, end) span (length-delimited).
bool find_field(const std::string& bytes, size_t begin, size_t end, std::uint64_t wanted, std::uint64_t& value, size_t& span_begin,
                size_t& span_end) {
  size_t at = begin;
  while (at < end) {
    std::uint64_t key = 0, n = 0;
    if (!read_varint(bytes, at, key)) return false;
    const auto field = key >> 3, wire = key & 7;
    if (wire == 0) {
      if (!read_varint(bytes, at, n)) return false;
      if (field == wanted) return value = n, true;
    } else if (wire == 2) {
      if (!read_varint(bytes, at, n) || n > end - at) return false;
      if (field == wanted) return span_begin = at, span_end = at + n, true;
      at += n;
    } else if (wire == 1 || wire == 5) {
      at += wire == 1 ? 8 : 4;
    } else {
      return false;
    }
  }
  return false;
}

}  // namespace

int ctspm_model_type(const ctspm* model) {
  // ModelProto.trainer_spec (field 2) → TrainerSpec.model_type (field 3); UNIGRAM when unset.
  const std::string bytes = model->processor.serialized_model_proto();
  std::uint64_t value = 1;
  size_t spec_begin = 0, spec_end = 0, unused = 0;
  if (!find_field(bytes, 0, bytes.size(), 2, value, spec_begin, spec_end)) return 1;
  value = 1;
  find_field(bytes, spec_begin, spec_end, 3, value, unused, unused);
  return int(value);
}

int ctspm_piece_type(const ctspm* model, int id) {
  const auto& p = model->processor;
  if (p.IsUnknown(id)) return CTSPM_UNKNOWN;
  if (p.IsControl(id)) return CTSPM_CONTROL;
  if (p.IsUnused(id)) return CTSPM_UNUSED;
  if (p.IsByte(id)) return CTSPM_BYTE;
  return CTSPM_NORMAL;  // user-defined pieces are told apart by the caller, which knows them
}

long ctspm_encode(const ctspm* model, const char* text, size_t length, int* ids, long capacity) {
  std::vector<int> out;
  if (!model->processor.Encode(absl::string_view(text, length), &out).ok()) return -1;
  const long n = static_cast<long>(out.size());
  if (n <= capacity) std::memcpy(ids, out.data(), sizeof(int) * out.size());
  return n;
}

char* ctspm_decode(const ctspm* model, const int* ids, long count, size_t* length) {
  std::string text;
  if (!model->processor.Decode(std::vector<int>(ids, ids + count), &text).ok()) return nullptr;
  *length = text.size();
  return duplicate(text);
}

int ctspm_train(const char* const* keys, const char* const* values, int count, ctspm_next_sentence next,
                void* user, char** error) {
  std::unordered_map<std::string, std::string> options;
  for (int i = 0; i < count; ++i) options[keys[i]] = values[i];
  CallbackSentences sentences(next, user);
  const auto status = sentencepiece::SentencePieceTrainer::Train(options, &sentences);
  if (!status.ok()) {
    set_error(error, status.ToString());
    return 1;
  }
  return 0;
}

void ctspm_free_string(char* s) { std::free(s); }

}  // extern "C"
