// malloc_trim and mallinfo2: glibc extensions that Swift's Glibc module does not export.
#include <malloc.h>
