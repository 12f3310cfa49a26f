/* The linker-script reader: the GROUP/INPUT scripts distributions install in place of
 * libraries (glibc's libc.so is the model), turned into the same InputArg items the
 * command line produces. GROUP(...) becomes GROUP_START ... GROUP_END; AS_NEEDED(...)
 * becomes PUSH_STATE AS_NEEDED ... POP_STATE so the flag does not leak past it; -lNAME
 * is a library search; other names are files also searched in -L dirs. Layout scripts
 * (SECTIONS outside -r, MEMORY) are not supported and must say so. */
#include "unit-helpers.h"

typedef struct Parsed {
  Ctx *ctx;
  InputArgVec args;
  bool ok;
} Parsed;

static Parsed parse(const char *text) {
  Parsed p = {.ctx = new_test_ctx()};
  MappedFile *mf = mem_file(p.ctx, "script.so", text, (i64)strlen(text));
  p.ok = parse_linker_script(p.ctx, mf, &p.args);
  return p;
}

static const char *kind_name(InputArgKind k) {
  static const char *const names[] = {
      [ARG_FILE] = "FILE",
      [ARG_SCRIPT_FILE] = "SCRIPT_FILE",
      [ARG_LIBRARY] = "LIBRARY",
      [ARG_GROUP_START] = "GROUP_START",
      [ARG_GROUP_END] = "GROUP_END",
      [ARG_WHOLE_ARCHIVE] = "WHOLE_ARCHIVE",
      [ARG_NO_WHOLE_ARCHIVE] = "NO_WHOLE_ARCHIVE",
      [ARG_BSTATIC] = "BSTATIC",
      [ARG_BDYNAMIC] = "BDYNAMIC",
      [ARG_AS_NEEDED] = "AS_NEEDED",
      [ARG_NO_AS_NEEDED] = "NO_AS_NEEDED",
      [ARG_COPY_DT_NEEDED] = "COPY_DT_NEEDED",
      [ARG_NO_COPY_DT_NEEDED] = "NO_COPY_DT_NEEDED",
      [ARG_PUSH_STATE] = "PUSH_STATE",
      [ARG_POP_STATE] = "POP_STATE",
  };
  return (unsigned)k < sizeof(names) / sizeof(names[0]) && names[k] ? names[k] : "?";
}

/* "GROUP_START SCRIPT_FILE:/lib/x.so ..." for readable comparisons. */
static const char *render(Ctx *ctx, const InputArgVec *args) {
  char *s = arena_strdup(&ctx->arena, "");
  for (i64 i = 0; i < args->len; i++) {
    const InputArg *a = &args->data[i];
    s = arena_sprintf(&ctx->arena, "%s%s%s%s%s", s, i ? " " : "", kind_name(a->kind),
                      a->str ? ":" : "", a->str ? a->str : "");
  }
  return s;
}

static void expect_args(Parsed *p, const char *want) {
  cr_assert(p->ok, "expected the script to parse, got errors: %s", all_errors(p->ctx));
  cr_assert_eq(p->ctx->nerrors, 0, "expected no errors, got: %s", all_errors(p->ctx));
  const char *got = render(p->ctx, &p->args);
  cr_assert_str_eq(got, want, "expected items\n  %s\ngot\n  %s", want, got);
}

static void expect_error(Parsed *p, const char *what) {
  cr_assert_not(p->ok, "expected the script to be rejected with '%s'", what);
  cr_assert_eq(p->ctx->nerrors, 1, "expected exactly one error, got: %s", all_errors(p->ctx));
  cr_assert(has_error(p->ctx, what), "expected an error containing '%s', got: %s", what,
            all_errors(p->ctx));
}

Test(linker_script, glibc_libc_so) {
  Parsed p =
      parse("/* GNU ld script\n"
            "   Use the shared library, but some functions are only in\n"
            "   the static library, so try that secondarily.  */\n"
            "OUTPUT_FORMAT(elf64-x86-64)\n"
            "GROUP ( /lib/x86_64-linux-gnu/libc.so.6 /usr/lib/x86_64-linux-gnu/libc_nonshared.a "
            " AS_NEEDED ( /lib64/ld-linux-x86-64.so.2 ) )\n");
  expect_args(&p, "GROUP_START SCRIPT_FILE:/lib/x86_64-linux-gnu/libc.so.6 "
                  "SCRIPT_FILE:/usr/lib/x86_64-linux-gnu/libc_nonshared.a "
                  "PUSH_STATE AS_NEEDED SCRIPT_FILE:/lib64/ld-linux-x86-64.so.2 POP_STATE "
                  "GROUP_END");
}

Test(linker_script, output_format_with_three_quoted_arguments) {
  Parsed p = parse("OUTPUT_FORMAT(\"elf64-x86-64\", \"elf64-x86-64\", \"elf64-x86-64\")\n"
                   "OUTPUT_ARCH(i386:x86-64)\nTARGET(elf64-x86-64)\nINPUT(a.o)");
  expect_args(&p, "SCRIPT_FILE:a.o");
}

Test(linker_script, input_with_libraries_and_commas) {
  Parsed p = parse("INPUT(-lfoo, bar.o ,-l:libexact.a)");
  expect_args(&p, "LIBRARY:foo SCRIPT_FILE:bar.o LIBRARY::libexact.a");
}

Test(linker_script, input_is_not_a_group) {
  Parsed p = parse("INPUT ( x.o ) ; INPUT(y.o);");
  expect_args(&p, "SCRIPT_FILE:x.o SCRIPT_FILE:y.o");
}

Test(linker_script, as_needed_nested_inside_as_needed) {
  Parsed p = parse("GROUP(a AS_NEEDED(b AS_NEEDED(c) d) e)");
  expect_args(&p, "GROUP_START SCRIPT_FILE:a PUSH_STATE AS_NEEDED SCRIPT_FILE:b "
                  "PUSH_STATE AS_NEEDED SCRIPT_FILE:c POP_STATE SCRIPT_FILE:d POP_STATE "
                  "SCRIPT_FILE:e GROUP_END");
}

Test(linker_script, as_needed_in_input) {
  Parsed p = parse("INPUT(AS_NEEDED(-lm))");
  expect_args(&p, "PUSH_STATE AS_NEEDED LIBRARY:m POP_STATE");
}

Test(linker_script, comments_anywhere) {
  Parsed p = parse("/**/GROUP(/*x*/a.so/* glued */ /* multi\nline */ b.a)# shell-style\n"
                   "/* trailing */");
  expect_args(&p, "GROUP_START SCRIPT_FILE:a.so SCRIPT_FILE:b.a GROUP_END");
}

Test(linker_script, empty_script_and_only_comments) {
  Parsed p = parse("");
  expect_args(&p, "");
  Parsed q = parse("  /* nothing here */\n\n");
  expect_args(&q, "");
}

Test(linker_script, quoted_file_names_keep_spaces) {
  Parsed p = parse("INPUT(\"dir with space/x.o\" \"(paren).o\")");
  expect_args(&p, "SCRIPT_FILE:dir with space/x.o SCRIPT_FILE:(paren).o");
}

Test(linker_script, search_dir_appends_to_lib_paths) {
  Ctx *ctx = new_test_ctx();
  vec_push(&ctx->opt.lib_paths, "first");
  const char *text = "SEARCH_DIR(/opt/lib) SEARCH_DIR(\"/usr/local/lib64\")";
  InputArgVec args = {0};
  bool ok = parse_linker_script(ctx, mem_file(ctx, "s", text, (i64)strlen(text)), &args);
  cr_assert(ok, "expected success: %s", all_errors(ctx));
  cr_assert_eq(args.len, 0, "expected SEARCH_DIR to add no input items");
  cr_assert_eq(ctx->opt.lib_paths.len, 3, "expected 3 library paths, got %lld",
               (long long)ctx->opt.lib_paths.len);
  cr_assert_str_eq(ctx->opt.lib_paths.data[0], "first", "expected -L paths to keep their place");
  cr_assert_str_eq(ctx->opt.lib_paths.data[1], "/opt/lib", "expected /opt/lib appended");
  cr_assert_str_eq(ctx->opt.lib_paths.data[2], "/usr/local/lib64",
                   "expected the quoted dir appended");
}

Test(linker_script, entry_sets_entry_unless_given) {
  Parsed p = parse("ENTRY(my_start)");
  cr_assert(p.ok, "expected success: %s", all_errors(p.ctx));
  cr_assert_not_null(p.ctx->opt.entry, "expected ENTRY to set the entry symbol");
  cr_assert_str_eq(p.ctx->opt.entry, "my_start", "expected entry my_start");

  Ctx *ctx = new_test_ctx();
  ctx->opt.entry = "from_command_line";
  const char *text = "ENTRY(my_start)";
  InputArgVec args = {0};
  cr_assert(parse_linker_script(ctx, mem_file(ctx, "s", text, (i64)strlen(text)), &args));
  cr_assert_str_eq(ctx->opt.entry, "from_command_line", "expected -e to win over ENTRY");
}

/* ---- errors ---- */

Test(linker_script, unterminated_comment) {
  Parsed p = parse("GROUP(a.so)\n/* never closed\n GROUP(b.so)");
  expect_error(&p, "unterminated comment");
}

/* Regression test for a fixed bug (lib/linker-script.c, tokenize_linker_script): the
 * unterminated-comment error reports the line where the file ends (3 here), not the line where the
 * comment opens (2), because the line counter advanced while scanning the comment. */
Test(linker_script, unterminated_comment_reports_opening_line) {
  Parsed p = parse("GROUP(a.so)\n/* never closed\n GROUP(b.so)");
  expect_error(&p, "unterminated comment");
  cr_assert(has_error(p.ctx, "script.so:2:"), "expected the comment's line 2, got: %s",
            all_errors(p.ctx));
}

Test(linker_script, comment_opener_alone) {
  Parsed p = parse("/*/");
  expect_error(&p, "unterminated comment");
}

Test(linker_script, unterminated_string) {
  Parsed p = parse("INPUT(\"a.o)\n");
  expect_error(&p, "unterminated string");
}

Test(linker_script, group_missing_close_paren) {
  Parsed p = parse("GROUP ( a.so b.a");
  expect_error(&p, "unexpected end of file");
}

Test(linker_script, as_needed_missing_close_paren) {
  Parsed p = parse("GROUP ( a.so AS_NEEDED ( b.so )");
  expect_error(&p, "unexpected end of file");
}

Test(linker_script, extra_close_paren) {
  Parsed p = parse("GROUP ( a.so ) )");
  cr_assert_not(p.ok, "expected a stray ')' to be rejected");
  cr_assert_eq(p.ctx->nerrors, 1, "expected one error, got: %s", all_errors(p.ctx));
}

Test(linker_script, group_without_paren) {
  Parsed p = parse("GROUP a.so");
  expect_error(&p, "expected '('");
}

Test(linker_script, nested_paren_in_file_list) {
  Parsed p = parse("GROUP ( ( a.so ) )");
  expect_error(&p, "unexpected '('");
}

Test(linker_script, nested_paren_in_output_format) {
  Parsed p = parse("OUTPUT_FORMAT((x))");
  expect_error(&p, "unexpected '('");
}

Test(linker_script, output_format_unclosed) {
  Parsed p = parse("OUTPUT_FORMAT(elf64-x86-64");
  expect_error(&p, "expected ')'");
}

Test(linker_script, sections_is_for_relocatable_output_only) {
  Parsed p = parse("/* layout */\n\nSECTIONS\n{\n  .text : { *(.text) }\n}\n");
  expect_error(&p, "SECTIONS is supported for relocatable output (-r) only");
  cr_assert(has_error(p.ctx, "script.so:3:"),
            "expected line 3 (after a comment and a blank line), got: %s", all_errors(p.ctx));
}

Test(linker_script, memory_is_unsupported) {
  Parsed p = parse("MEMORY { rom : ORIGIN = 0, LENGTH = 4K }");
  expect_error(&p, "'MEMORY'");
}

Test(linker_script, line_numbers_count_lines_inside_comments) {
  Parsed p = parse("/* one\ntwo\nthree */ BOGUS");
  expect_error(&p, "script.so:3:");
}

Test(linker_script, search_dir_unclosed) {
  Parsed p = parse("SEARCH_DIR(/x");
  expect_error(&p, "expected ')'");
}

/* ---- the tokenizer ---- */

Test(linker_script, tokens_and_lines) {
  Ctx *ctx = new_test_ctx();
  const char *text = "GROUP(/a/b.so,x)\n# c\n/* d\n*/ \"q r\";{=}";
  ScriptTokenVec toks = {0};
  cr_assert(tokenize_linker_script(ctx, "t", text, (i64)strlen(text), &toks),
            "expected success: %s", all_errors(ctx));
  static const char *const want[] = {"GROUP", "(", "/a/b.so", ",", "x", ")",
                                     "q r",   ";", "{",       "=", "}"};
  static const i64 want_line[] = {1, 1, 1, 1, 1, 1, 4, 4, 4, 4, 4};
  cr_assert_eq(toks.len, ARRAY_SIZE(want), "expected %lld tokens, got %lld",
               (long long)ARRAY_SIZE(want), (long long)toks.len);
  for (i64 i = 0; i < toks.len; i++) {
    cr_assert_str_eq(toks.data[i].str, want[i], "expected token %lld to be '%s', got '%s'",
                     (long long)i, want[i], toks.data[i].str);
    cr_assert_eq(toks.data[i].line, want_line[i], "expected '%s' on line %lld, got %lld", want[i],
                 (long long)want_line[i], (long long)toks.data[i].line);
  }
}

Test(linker_script, tokenizer_respects_size_not_nul) {
  /* The text is a mapping, not a C string: only size bytes may be read. */
  Ctx *ctx = new_test_ctx();
  const char text[] = "INPUT(a.o)GARBAGE";
  ScriptTokenVec toks = {0};
  cr_assert(tokenize_linker_script(ctx, "t", text, 10, &toks));
  cr_assert_eq(toks.len, 4, "expected 4 tokens from the first 10 bytes, got %lld",
               (long long)toks.len);
  cr_assert_str_eq(toks.data[3].str, ")", "expected the last token ')'");
}

/* ---- the sniffing test ---- */

Test(linker_script, looks_like_linker_script) {
  const char *libc = "/* GNU ld script */\nGROUP ( libc.so.6 )\n";
  cr_assert(looks_like_linker_script((const u8 *)libc, (i64)strlen(libc)),
            "expected printable text to look like a script");
  cr_assert(looks_like_linker_script((const u8 *)"INPUT(a)\r\n\t\f\v", 13),
            "expected all whitespace control characters to be allowed");
  static const u8 elf[] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0};
  cr_assert_not(looks_like_linker_script(elf, sizeof(elf)),
                "expected an ELF header not to look like a script");
  cr_assert_not(looks_like_linker_script((const u8 *)"GROUP\0(x)", 9),
                "expected a NUL to disqualify");
  cr_assert_not(looks_like_linker_script((const u8 *)"GROUP\x01", 6),
                "expected a control character to disqualify");
  cr_assert_not(looks_like_linker_script((const u8 *)"", 0),
                "expected an empty file not to look like a script");
}

Test(linker_script, looks_like_linker_script_reads_only_a_prefix) {
  static u8 big[8192];
  memset(big, ' ', sizeof(big));
  big[6000] = 0; /* past the first 4096 bytes */
  cr_assert(looks_like_linker_script(big, sizeof(big)),
            "expected only the first 4096 bytes to be examined");
  big[100] = 0;
  cr_assert_not(looks_like_linker_script(big, sizeof(big)), "expected a NUL at 100 to disqualify");
}
