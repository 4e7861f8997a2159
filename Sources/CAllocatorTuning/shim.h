// glibc's mallopt (not part of Swift's Glibc module). Only Linux uses it (AllocatorTuning).
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
