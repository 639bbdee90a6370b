// Early return for Result<T>: `KITH_TRY(x, expr);` binds `x` to the value
// or returns the error Status from the enclosing function.
#pragma once

#define KITH_TRY(var, expr)                                  \
  auto var##_result_ = (expr);                               \
  if (!var##_result_) return var##_result_.status();         \
  auto& var = *var##_result_
