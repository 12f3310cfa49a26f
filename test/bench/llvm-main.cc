// A small LLVM user for the benchmark: builds a module with one function and prints it.
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/raw_ostream.h>

int main() {
  llvm::LLVMContext ctx;
  llvm::Module mod("bench", ctx);
  llvm::IRBuilder<> b(ctx);
  auto *fty = llvm::FunctionType::get(b.getInt32Ty(), false);
  auto *fn = llvm::Function::Create(fty, llvm::Function::ExternalLinkage, "answer", mod);
  b.SetInsertPoint(llvm::BasicBlock::Create(ctx, "entry", fn));
  b.CreateRet(b.getInt32(42));
  mod.print(llvm::outs(), nullptr);
  return 0;
}
