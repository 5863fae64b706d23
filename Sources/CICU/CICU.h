// NB: no Swift file imports this module. It exists so that pkg-config finds the system ICU
// (libicu-dev) and passes its flags to CICUShim, the only C code that includes ICU headers.
#include <unicode/ubrk.h>
#include <unicode/utext.h>
