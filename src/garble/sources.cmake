# SPDX-License-Identifier: MIT
list(APPEND SV_LIB_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/adequacy.c
  ${CMAKE_CURRENT_LIST_DIR}/charlm.c
  ${CMAKE_CURRENT_LIST_DIR}/charlm_train.c
  ${CMAKE_CURRENT_LIST_DIR}/lines.c
  ${CMAKE_CURRENT_LIST_DIR}/features.c
  ${CMAKE_CURRENT_LIST_DIR}/model.c
  ${CMAKE_CURRENT_LIST_DIR}/ngrams.c
  ${CMAKE_CURRENT_LIST_DIR}/reasons.c
  ${CMAKE_CURRENT_LIST_DIR}/scorer.c
  ${CMAKE_CURRENT_LIST_DIR}/train.c
  ${CMAKE_CURRENT_LIST_DIR}/wordstats.c)
