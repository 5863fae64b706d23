// A small C API over ICU break iterators. Plain C types only: Swift never sees an ICU header.
// All offsets are UTF-8 byte offsets into the text given to qx_breaker_set_text.
#ifndef CICUSHIM_H
#define CICUSHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What a breaker splits on.
typedef enum {
  QX_BREAK_WORD = 0,
  QX_BREAK_SENTENCE = 1,
} qx_break_kind;

/// An ICU break iterator bound to (at most) one UTF-8 text. Not thread-safe: one per task.
typedef struct qx_breaker qx_breaker;

/// Opens a breaker: the calling thread's spare when it has one, else a clone of a process-wide
/// prototype (the expensive rule loading runs once).
/// Returns NULL and sets *status (an ICU error code) on failure.
qx_breaker *qx_breaker_open(qx_break_kind kind, int32_t *status);

/// Gives a breaker back: it becomes the calling thread's spare of its kind (closed when the
/// thread ends), or is closed when the thread already has one.
void qx_breaker_close(qx_breaker *breaker);

/// Closes a breaker and releases its text binding.
void qx_breaker_close_now(qx_breaker *breaker);

/// Binds the breaker to `length` bytes of UTF-8 at `utf8`, which must stay alive while in use.
/// Returns 0 on success, else an ICU error code.
int32_t qx_breaker_set_text(qx_breaker *breaker, const char *utf8, int64_t length);

/// Writes up to `capacity` boundaries after the current position into `offsets` (and the
/// ICU rule status of each into `statuses`, when not NULL). Returns the number written;
/// fewer than `capacity` means the end of the text was reached. The first call after
/// qx_breaker_set_text starts at offset 0 (which is not reported).
int64_t qx_breaker_next_boundaries(
  qx_breaker *breaker, int32_t *offsets, int32_t *statuses, int64_t capacity);

/// Binds the breaker to a UTF-16 copy of `length` bytes of UTF-8 at `utf8` (which must stay
/// alive while in use), with line feeds and carriage returns read as spaces when
/// `lines_as_spaces` is not 0. ICU runs faster over UTF-16 than over UTF-8 text. An invalid
/// UTF-8 byte reads as one U+FFFD. Returns 0 on success, else an ICU error code.
int32_t qx_breaker_set_text_utf16(
  qx_breaker *breaker, const uint8_t *utf8, int64_t length, int32_t lines_as_spaces);

/// Like qx_breaker_next_boundaries after qx_breaker_set_text_utf16: boundaries as UTF-8 byte
/// offsets into the original text.
int64_t qx_breaker_next_boundaries_utf16(qx_breaker *breaker, int32_t *offsets, int64_t capacity);

/// After qx_breaker_set_text_utf16: the first boundary at or after `utf8_offset` (a UTF-8
/// byte offset into the original text, on a scalar boundary; offset 0 is never a boundary), as
/// a UTF-8 byte offset, or -1 when there is none. The same boundaries as
/// qx_breaker_next_boundaries_utf16 reports. Any order of calls works; increasing offsets cost
/// O(n) in total for the offset mapping.
int64_t qx_breaker_boundary_from_utf16(qx_breaker *breaker, int64_t utf8_offset);

/// The ICU name of an error code ("U_ILLEGAL_ARGUMENT_ERROR"); never NULL.
const char *qx_status_name(int32_t status);

#ifdef __cplusplus
}
#endif

#endif
