// static_pie: a static position-independent executable (ET_DYN, loaded at a bias, self-relocating
// through glibc's _dl_relocate_static_pie): pointers in data, function-pointer tables, auxv entry.
// cflags: -static-pie -fPIE
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }
static int sub(int a, int b) { return a - b; }
static int (*const ops[])(int, int) = { add, mul, sub };
static const char *const names[] = { "add", "mul", "sub" };
struct node { const char *label; struct node *next; };
static struct node c = { "third", NULL }, b = { "second", &c }, a = { "first", &b };

int main(void)
{
    for (int i = 0; i < 3; i++)
        printf("%s(7, 5) = %d\n", names[i], ops[i](7, 5));
    for (struct node *n = &a; n; n = n->next)
        printf("node %s\n", n->label);
    unsigned long entry = getauxval(AT_ENTRY), phdr = getauxval(AT_PHDR);
    extern char __executable_start[];
    printf("entry inside the image: %s\n", entry > (unsigned long)__executable_start ? "yes" : "no");
    printf("phdr inside the image: %s\n", phdr >= (unsigned long)__executable_start ? "yes" : "no");
    printf("main relocated: %s\n", (unsigned long)&main > 0x10000 ? "yes" : "no");
    return 9;
}
