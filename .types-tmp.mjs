import ts from 'typescript';
const files = process.argv.slice(2);
const program = ts.createProgram(files, { strict: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, skipLibCheck: true, noEmit: true, types: ['node'] });
const checker = program.getTypeChecker();
function expand(type, depth, seen) {
  if (depth > 6) return checker.typeToString(type);
  if (type.isUnion()) return type.types.map((t) => expand(t, depth, seen)).join(' | ');
  const str = checker.typeToString(type);
  if (/^(string|number|boolean|null|undefined|Date|true|false|"|\d)/.test(str)) return str;
  if (checker.isArrayType(type)) return `Array<${expand(checker.getTypeArguments(type)[0], depth + 1, seen)}>`;
  const props = type.getProperties();
  if (props.length === 0 || type.getCallSignatures().length) return str;
  const ind = '  '.repeat(depth + 1);
  return '{\n' + props.map((p) => {
    const t = checker.getTypeOfSymbol(p);
    const opt = p.flags & ts.SymbolFlags.Optional ? '?' : '';
    return `${ind}${p.name}${opt}: ${expand(t, depth + 1, seen)}`;
  }).join('\n') + '\n' + '  '.repeat(depth) + '}';
}
for (const f of files) {
  const sf = program.getSourceFile(f);
  const mod = checker.getSymbolAtLocation(sf);
  for (const sym of checker.getExportsOfModule(mod)) {
    const t = checker.getTypeOfSymbol(sym);
    const sigs = t.getCallSignatures();
    if (!sigs.length || !/^[a-z]/.test(sym.name)) continue;
    let r = sigs[0].getReturnType();
    const aw = checker.getAwaitedType(r); if (aw) r = aw;
    console.log(`## ${f} ${sym.name}: ${expand(r, 0, new Set())}`);
  }
}
