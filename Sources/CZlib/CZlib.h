// The system zlib, for reading .gz inputs (Foundation on Linux cannot inflate).
#include <zlib.h>
