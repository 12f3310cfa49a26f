/* Linked before victim.o, this object claims the COMDAT group "comdat_helper" first,
 * so victim.o's copy of the group is the one discarded (and its member list read). */
__asm__(".section .text.comdat_helper,\"axG\",@progbits,comdat_helper,comdat\n"
        ".globl comdat_helper\n"
        ".type comdat_helper, @function\n"
        "comdat_helper:\n"
        "\tlea 1(%rdi), %eax\n"
        "\tret\n"
        ".size comdat_helper, . - comdat_helper\n"
        ".text\n");
int comdat_first_marker = 1;
