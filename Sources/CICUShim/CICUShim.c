// The only C file that includes ICU. Debian's ICU exports versioned symbols (ubrk_open_72);
// the ICU headers rename calls to them, which is why this lives in C and not in Swift.
#include "CICUShim.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

struct qx_breaker {
  UBreakIterator *iterator;
  UText *text;
  int kind;
  // The UTF-16 copy made by qx_breaker_set_text_utf16, and the walk that maps its offsets back.
  UChar *units;
  int64_t units_capacity;
  const uint8_t *utf8;
  int64_t utf8_length;
  int64_t walk_utf8;
  int64_t walk_units;
  // A second walk for qx_breaker_boundary_from_utf16, whose offsets asked and boundaries found
  // each increase (the first walk maps the one, this one the other).
  int64_t found_utf8;
  int64_t found_units;
  int ascii;
};

// The byte length of the UTF-8 sequence at utf8[i] (1 for an invalid one, which stands for
// one U+FFFD) and its scalar.
static inline int sequence(const uint8_t *utf8, int64_t length, int64_t i, uint32_t *scalar) {
  uint8_t b = utf8[i];
  if (b < 0x80) { *scalar = b; return 1; }
  int n = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? (b <= 0xEF ? 3 : 0) : b >= 0xC2 ? 2 : 0;
  if (n == 0 || i + n > length) { *scalar = 0xFFFD; return 1; }
  uint32_t c = n == 2 ? b & 0x1F : n == 3 ? b & 0x0F : b & 0x07;
  for (int k = 1; k < n; k++) {
    uint8_t t = utf8[i + k];
    if ((t & 0xC0) != 0x80) { *scalar = 0xFFFD; return 1; }
    c = (c << 6) | (t & 0x3F);
  }
  if ((n == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) || (n == 4 && (c < 0x10000 || c > 0x10FFFF))) {
    *scalar = 0xFFFD;
    return 1;
  }
  *scalar = c;
  return n;
}

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
  free(breaker->units);
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

int32_t qx_breaker_set_text_utf16(
  qx_breaker *breaker, const uint8_t *utf8, int64_t length, int32_t lines_as_spaces
) {
  if (length > INT32_MAX / 2) return U_INDEX_OUTOFBOUNDS_ERROR;
  if (breaker->units_capacity < length + 1) {
    UChar *grown = realloc(breaker->units, sizeof(UChar) * (size_t)(length + 1));
    if (grown == NULL) return U_MEMORY_ALLOCATION_ERROR;
    breaker->units = grown;
    breaker->units_capacity = length + 1;
  }
  UChar *out = breaker->units;
  int64_t count = 0;
  int64_t i = 0;
  int ascii = 1;
  // NB: a branch-free copy for ASCII, eight bytes at a time; line breaks become spaces by table.
  uint8_t table[128];
  for (int b = 0; b < 128; b++) table[b] = (uint8_t)b;
  if (lines_as_spaces) table[0x0A] = table[0x0D] = 0x20;
  while (i < length) {
    while (i + 8 <= length) {
      uint64_t word;
      memcpy(&word, utf8 + i, 8);
      if (word & 0x8080808080808080ULL) break;
      for (int k = 0; k < 8; k++) out[count + k] = table[utf8[i + k]];
      i += 8;
      count += 8;
    }
    if (i >= length) break;
    uint8_t b = utf8[i];
    if (b < 0x80) {
      out[count++] = table[b];
      i += 1;
      continue;
    }
    ascii = 0;
    uint32_t scalar;
    i += sequence(utf8, length, i, &scalar);
    if (scalar >= 0x10000) {
      out[count++] = (UChar)(0xD7C0 + (scalar >> 10));
      out[count++] = (UChar)(0xDC00 | (scalar & 0x3FF));
    } else {
      out[count++] = (UChar)scalar;
    }
  }
  breaker->ascii = ascii;
  breaker->utf8 = utf8;
  breaker->utf8_length = length;
  breaker->walk_utf8 = 0;
  breaker->walk_units = 0;
  breaker->found_utf8 = 0;
  breaker->found_units = 0;
  UErrorCode error = U_ZERO_ERROR;
  ubrk_setText(breaker->iterator, out, (int32_t)count, &error);
  if (U_FAILURE(error)) return error;
  ubrk_first(breaker->iterator);
  return U_ZERO_ERROR;
}

int64_t qx_breaker_next_boundaries_utf16(qx_breaker *breaker, int32_t *offsets, int64_t capacity) {
  int64_t count = 0;
  while (count < capacity) {
    int32_t next = ubrk_next(breaker->iterator);
    if (next == UBRK_DONE) break;
    if (breaker->ascii) {
      offsets[count++] = next;
      continue;
    }
    // Boundaries come in increasing order, so one forward walk maps them all: O(n) in total.
    while (breaker->walk_units < next && breaker->walk_utf8 < breaker->utf8_length) {
      if (breaker->utf8[breaker->walk_utf8] < 0x80) {
        breaker->walk_utf8 += 1;
        breaker->walk_units += 1;
        continue;
      }
      uint32_t scalar;
      breaker->walk_utf8 +=
        sequence(breaker->utf8, breaker->utf8_length, breaker->walk_utf8, &scalar);
      breaker->walk_units += scalar >= 0x10000 ? 2 : 1;
    }
    offsets[count] = (int32_t)breaker->walk_utf8;
    count += 1;
  }
  return count;
}

// Moves a walk (*utf8_at, *units_at: a UTF-8 offset of the bound text and the UTF-16 offset of
// its copy) to the first scalar boundary at or after utf8_offset, or, with by_units, to the
// first UTF-8 offset whose UTF-16 offset is at or after units. Starts again from 0 when asked
// to go back.
static void walk_to(
  const qx_breaker *breaker, int64_t *utf8_at, int64_t *units_at, int64_t utf8_offset,
  int64_t units, int by_units
) {
  if (by_units ? units < *units_at : utf8_offset < *utf8_at) {
    *utf8_at = 0;
    *units_at = 0;
  }
  while (*utf8_at < breaker->utf8_length &&
         (by_units ? *units_at < units : *utf8_at < utf8_offset)) {
    if (breaker->utf8[*utf8_at] < 0x80) {
      *utf8_at += 1;
      *units_at += 1;
      continue;
    }
    uint32_t scalar;
    *utf8_at += sequence(breaker->utf8, breaker->utf8_length, *utf8_at, &scalar);
    *units_at += scalar >= 0x10000 ? 2 : 1;
  }
}

int64_t qx_breaker_boundary_from_utf16(qx_breaker *breaker, int64_t utf8_offset) {
  if (utf8_offset > breaker->utf8_length) return -1;
  // 0 is never reported as a boundary, so the first one from 0 is the first after it.
  if (utf8_offset < 1) utf8_offset = 0;
  int64_t units;
  if (breaker->ascii) {
    units = utf8_offset;
  } else {
    walk_to(breaker, &breaker->walk_utf8, &breaker->walk_units, utf8_offset, 0, 0);
    units = breaker->walk_units;
  }
  // ICU never breaks inside a surrogate pair, so the first boundary after the unit before
  // `units` is the first at or after it.
  int32_t next = ubrk_following(breaker->iterator, (int32_t)(units > 0 ? units - 1 : 0));
  if (next == UBRK_DONE) return -1;
  if (breaker->ascii) return next;
  walk_to(breaker, &breaker->found_utf8, &breaker->found_units, 0, next, 1);
  return breaker->found_utf8;
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
