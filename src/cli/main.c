#include <stdio.h>
#include <sverka/sverka.h>
int main(void) { printf("sverka %s\n", sv_version()); return 0; }
