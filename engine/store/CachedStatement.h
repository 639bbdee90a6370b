// KITH_CACHED(var, sql): binds `var` to the database's cached statement for
// `sql`, or returns its error. For SqlHistoryStore's member functions
// (it uses their `db_`), which prepare each statement once.
#pragma once

#include "util/Try.h"

#define KITH_CACHED(var, sql)            \
  KITH_TRY(var##_ptr_, db_.cached(sql)); \
  SqlStatement& var = *var##_ptr_
