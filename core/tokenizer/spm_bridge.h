/* The C interface of libchattrain_spm_bridge.so, the only code that links SentencePiece.
 * SentencePiece bundles protobuf 3.14 and LibTorch links protobuf 3.21; loading the bridge with
 * dlopen(RTLD_LOCAL | RTLD_DEEPBIND) keeps the two apart (ARCHITECTURE.md, protobuf trap).
 * Strings returned through `char**` are malloc'ed: free them with ctspm_free_string. */
#ifndef CHATTRAIN_SPM_BRIDGE_H
#define CHATTRAIN_SPM_BRIDGE_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ctspm ctspm;

enum { CTSPM_NORMAL = 0, CTSPM_UNKNOWN = 1, CTSPM_CONTROL = 2, CTSPM_USER_DEFINED = 3, CTSPM_UNUSED = 4, CTSPM_BYTE = 5 };

/* Returns NULL and sets *error on failure. */
ctspm* ctspm_load(const char* model_path, char** error);
void ctspm_close(ctspm* model);
int ctspm_vocab_size(const ctspm* model);
int ctspm_piece_to_id(const ctspm* model, const char* piece, size_t length);
/* The piece's bytes (not NUL-terminated: pieces may hold any byte); valid while the model is open. */
const char* ctspm_id_to_piece(const ctspm* model, int id, size_t* length);
float ctspm_score(const ctspm* model, int id);
int ctspm_piece_type(const ctspm* model, int id);
/* The algorithm the model was trained with: 1 unigram, 2 BPE, 3 word, 4 char (SentencePiece's ModelType). */
int ctspm_model_type(const ctspm* model);
/* Encodes text into ids; thread-safe. Returns the number of ids, which may exceed capacity (call again
 * with a larger buffer); -1 on error. */
long ctspm_encode(const ctspm* model, const char* text, size_t length, int* ids, long capacity);
/* Returns the decoded text (malloc'ed) and its length. */
char* ctspm_decode(const ctspm* model, const int* ids, long count, size_t* length);

/* Trains a model. options: `count` key/value pairs of SentencePiece trainer flags. Sentences come from
 * next_sentence until it returns NULL (one line each, no '\n' inside). Returns 0 on success. */
typedef const char* (*ctspm_next_sentence)(void* user, size_t* length);
int ctspm_train(const char* const* keys, const char* const* values, int count, ctspm_next_sentence next,
                void* user, char** error);

void ctspm_free_string(char* s);

#ifdef __cplusplus
}
#endif
#endif
