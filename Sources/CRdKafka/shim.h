#include <librdkafka/rdkafka.h>
/* rdkafka_mock.h refuses to be included before rdkafka.h. */
#include <librdkafka/rdkafka_mock.h>
