// The LLVM PIE of the benchmark: a small compiler driver. It parses a function from
// IR text, optimizes it with the O2 pipeline and prints x86-64 assembly. It
// initializes every target LLVM was built with, so the link keeps most of LLVM's
// optimizer and all of its back ends, as a real compiler does.
#include <llvm/AsmParser/Parser.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Module.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Target/TargetOptions.h>

static const char *const kSource = "define i32 @answer(i32 %x) {\n"
                                   "  %a = add i32 %x, 1\n"
                                   "  %b = add i32 %a, 41\n"
                                   "  ret i32 %b\n"
                                   "}\n";

static void optimize(llvm::Module &mod, llvm::TargetMachine *tm) {
  llvm::PassBuilder pb(tm);
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2).run(mod, mam);
}

int main() {
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargets();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmPrinters();
  std::string triple = "x86_64-linux-gnu", error;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  llvm::LLVMContext ctx;
  llvm::SMDiagnostic err;
  std::unique_ptr<llvm::Module> mod = llvm::parseAssemblyString(kSource, err, ctx);
  if (!target || !mod)
    return 1;
  std::unique_ptr<llvm::TargetMachine> tm(target->createTargetMachine(
      triple, "generic", "", llvm::TargetOptions(), llvm::Reloc::PIC_));
  mod->setTargetTriple(triple);
  mod->setDataLayout(tm->createDataLayout());
  optimize(*mod, tm.get());
  llvm::legacy::PassManager pm;
  if (tm->addPassesToEmitFile(pm, llvm::outs(), nullptr, llvm::CGFT_AssemblyFile))
    return 1;
  pm.run(*mod);
  int registered = 0;
  for (const llvm::Target &t : llvm::TargetRegistry::targets())
    registered += t.getName() != nullptr;
  llvm::outs() << "# registered targets: " << registered << "\n";
  return 0;
}
