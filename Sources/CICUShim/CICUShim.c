// The only C file that includes ICU. Debian's ICU exports versioned symbols (ubrk_open_72);
// the ICU headers rename calls to them, which is why this lives in C and not in Swift.
#include "CICUShim.h"

#include <pthread.h>
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

struct qx_breaker {
  UBreakIterator *iterator;
  UText *text;
  int kind;
};

static UBreakIterator *prototypes[2];
static UErrorCode prototype_status[2];
static pthread_once_t prototype_once = PTHREAD_ONCE_INIT;
// One spare breaker of each kind per thread, so that opening one per document costs nothing
// after the first: ubrk_clone copies ICU's rule tables and caches (microseconds, allocations).
static pthread_key_t spare_keys[2];

static void close_spare(void *breaker) { qx_breaker_close_now((qx_breaker *)breaker); }

static void open_prototypes(void) {
  // "en@ss=standard" turns on ICU's sentence-break suppressions for English abbreviations.
  prototype_status[0] = U_ZERO_ERROR;
  prototypes[0] = ubrk_open(UBRK_WORD, "en_US", NULL, 0, &prototype_status[0]);
  prototype_status[1] = U_ZERO_ERROR;
  prototypes[1] = ubrk_open(UBRK_SENTENCE, "en_US@ss=standard", NULL, 0, &prototype_status[1]);
  pthread_key_create(&spare_keys[0], close_spare);
  pthread_key_create(&spare_keys[1], close_spare);
}

qx_breaker *qx_breaker_open(qx_break_kind kind, int32_t *status) {
  pthread_once(&prototype_once, open_prototypes);
  int index = kind == QX_BREAK_SENTENCE ? 1 : 0;
  qx_breaker *spare = pthread_getspecific(spare_keys[index]);
  if (spare != NULL) {
    pthread_setspecific(spare_keys[index], NULL);
    *status = U_ZERO_ERROR;
    return spare;
  }
  if (U_FAILURE(prototype_status[index]) || prototypes[index] == NULL) {
    *status = prototype_status[index] ? prototype_status[index] : U_INTERNAL_PROGRAM_ERROR;
    return NULL;
  }
  UErrorCode error = U_ZERO_ERROR;
  UBreakIterator *iterator = ubrk_clone(prototypes[index], &error);
  if (U_FAILURE(error)) {
    *status = error;
    return NULL;
  }
  qx_breaker *breaker = calloc(1, sizeof(qx_breaker));
  if (breaker == NULL) {
    ubrk_close(iterator);
    *status = U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  breaker->iterator = iterator;
  breaker->kind = index;
  *status = U_ZERO_ERROR;
  return breaker;
}

void qx_breaker_close(qx_breaker *breaker) {
  if (breaker == NULL) return;
  // NB: keep it as this thread's spare when there is none (its text was unbound after use).
  if (pthread_getspecific(spare_keys[breaker->kind]) == NULL &&
      pthread_setspecific(spare_keys[breaker->kind], breaker) == 0) {
    return;
  }
  qx_breaker_close_now(breaker);
}

void qx_breaker_close_now(qx_breaker *breaker) {
  if (breaker == NULL) return;
  ubrk_close(breaker->iterator);
  if (breaker->text != NULL) utext_close(breaker->text);
  free(breaker);
}

int32_t qx_breaker_set_text(qx_breaker *breaker, const char *utf8, int64_t length) {
  UErrorCode error = U_ZERO_ERROR;
  // Reuses the UText when there is one: utext_openUTF8 re-initialises it in place.
  breaker->text = utext_openUTF8(breaker->text, utf8, length, &error);
  if (U_FAILURE(error)) return error;
  ubrk_setUText(breaker->iterator, breaker->text, &error);
  if (U_FAILURE(error)) return error;
  ubrk_first(breaker->iterator);
  return U_ZERO_ERROR;
}

int64_t qx_breaker_next_boundaries(
  qx_breaker *breaker, int32_t *offsets, int32_t *statuses, int64_t capacity
) {
  int64_t count = 0;
  while (count < capacity) {
    int32_t next = ubrk_next(breaker->iterator);
    if (next == UBRK_DONE) break;
    offsets[count] = next;
    if (statuses != NULL) statuses[count] = ubrk_getRuleStatus(breaker->iterator);
    count += 1;
  }
  return count;
}

const char *qx_status_name(int32_t status) {
  const char *name = u_errorName((UErrorCode)status);
  return name ? name : "U_UNKNOWN_ERROR";
}
