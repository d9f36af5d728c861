// malloc_trim and mallopt: glibc extensions that Swift's Glibc module does not export.
#include <malloc.h>
