/* SPDX-License-Identifier: MIT */
/*
 * Walking a directory tree for the tests that run over every file of the
 * samples, the test data and ../shared (unit.invariants,
 * unit.spell_agree): regular files in sorted order, so runs are
 * repeatable; a missing directory is simply empty.
 */
#ifndef SV_TESTS_FILE_TREE_H
#define SV_TESTS_FILE_TREE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

typedef void (*file_tree_fn)(const char *path, void *payload);

static inline int file_tree_is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Call fn for every file under dir, recursively, skipping dot files. */
static inline void file_tree_walk(const char *dir, file_tree_fn fn,
                                  void *payload)
{
    struct dirent **names = NULL;
    int n, i;

    if ((n = scandir(dir, &names, NULL, alphasort)) < 0)
        return;
    for (i = 0; i < n; i++) {
        char path[2048];

        if (names[i]->d_name[0] != '.') {
            snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
            if (file_tree_is_dir(path))
                file_tree_walk(path, fn, payload);
            else
                fn(path, payload);
        }
        free(names[i]);
    }
    free(names);
}

#endif
