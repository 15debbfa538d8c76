import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { apiReason, apiReasonZh } from './api-reasons.ts'

/*
 * Every reason the API can send on the routes the reports read is read from the API's own source
 * (string and template literals given as `reason`), so a reason added there without a Chinese text
 * here fails this test. A template's value is filled with a sample; `….reason` inside a template is
 * the metrics package's baseline-fit code, each of which is read from its type.
 */
const src = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url))
const API_FILES = [
  'services/api/src/energy/enpi-rows.ts', 'services/api/src/energy/peer-benchmark-rows.ts', 'services/api/src/energy/specific-energy-rows.ts',
  'services/api/src/energy/idle-cost-rows.ts', 'services/api/src/energy/tariff-rows.ts',
  'services/api/src/routes/energy-routes.ts', 'services/api/src/routes/idle-cost-route.ts', 'services/api/src/routes/peer-benchmark-route.ts', 'services/api/src/routes/enpi-route.ts',
]
const parse = (path: string) => ts.createSourceFile(path, readFileSync(src(path), 'utf8'), ts.ScriptTarget.Latest, true)
const walk = (node: ts.Node, visit: (n: ts.Node) => void) => {
  visit(node)
  node.forEachChild((c) => walk(c, visit))
}

/** The string literal types of `reason` in metrics' BaselineFit. */
function baselineFitCodes(): string[] {
  const codes: string[] = []
  walk(parse('packages/metrics/src/energy/enpi.ts'), (n) => {
    if (ts.isTypeAliasDeclaration(n) && n.name.text === 'BaselineFit') walk(n.type, (m) => {
      if (ts.isPropertySignature(m) && m.name.getText() === 'reason' && m.type) walk(m.type, (l) => { if (ts.isStringLiteral(l)) codes.push(l.text) })
    })
  })
  return codes
}

/** Every text an expression can be (literal, template filled with samples, either branch of `?:` and `??`). */
function texts(e: ts.Expression, fit: readonly string[]): string[] {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text]
  if (ts.isParenthesizedExpression(e)) return texts(e.expression, fit)
  if (ts.isConditionalExpression(e)) return [...texts(e.whenTrue, fit), ...texts(e.whenFalse, fit)]
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind)) return texts(e.right, fit)
  if (ts.isTemplateExpression(e)) {
    let out = [e.head.text]
    for (const span of e.templateSpans) {
      const values = span.expression.getText().endsWith('.reason') ? fit : ['sample']
      out = out.flatMap((s) => values.map((v) => s + v + span.literal.text))
    }
    return out
  }
  return [] // another reason passed on (`own.reason`): its literals are found where it is made
}

function apiReasons(): string[] {
  const fit = baselineFitCodes()
  const out = new Set<string>()
  for (const file of API_FILES) {
    const tree = parse(file)
    // Local helpers taking a `reason` parameter (`none(reason)`): their call arguments are reasons too.
    const helpers = new Set<string>()
    walk(tree, (n) => {
      if (ts.isVariableDeclaration(n) && n.initializer && ts.isArrowFunction(n.initializer) && n.initializer.parameters.some((p) => p.name.getText() === 'reason')) helpers.add(n.name.getText())
    })
    walk(tree, (n) => {
      if (ts.isPropertyAssignment(n) && n.name.getText() === 'reason') texts(n.initializer, fit).forEach((x) => out.add(x))
      if (ts.isCallExpression(n) && helpers.has(n.expression.getText()) && n.arguments[0]) texts(n.arguments[0], fit).forEach((x) => out.add(x))
    })
  }
  return [...out]
}

describe('the API reasons in zh-CN', () => {
  it('finds the reasons in the API source, the baseline-fit codes among them', () => {
    const reasons = apiReasons()
    expect(baselineFitCodes()).toEqual(['too_few_points', 'output_does_not_vary'])
    expect(reasons).toContain('baseline not fitted: too_few_points')
    expect(reasons).toContain('the plant has no tariff in the registry')
    expect(reasons.length).toBeGreaterThanOrEqual(12)
  })

  it.each(apiReasons())('has a Chinese text for “%s”', (reason) => {
    const zh = apiReasonZh(reason)
    expect(zh).toBeTruthy()
    expect(zh).toMatch(/[\u4e00-\u9fff]/)
  })

  it('keeps the value inside a reason and falls back to the API text for an unknown one', () => {
    expect(apiReasonZh('no quota benchmark for product family woven_fabric')).toBe('产品族 woven_fabric 无能耗限额基准')
    expect(apiReason('baseline not fitted: a_new_code')).toEqual({ 'zh-CN': 'baseline not fitted: a_new_code', en: 'baseline not fitted: a_new_code' })
    expect(apiReason('something new')['zh-CN']).toBe('something new')
  })
})
