import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

type Result = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];
type NodeResult = Result["nodes"][number];

/** WCAG 2.x A and AA rules plus axe's best practices (what Lighthouse's accessibility audit runs). */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * WCAG 2.5.8's "essential" exception, for this one rule and these targets only: the pose editor's
 * joints sit where the body's joints are (a face's are a few pixels apart), and spacing them out
 * would change the pose being drawn. Each still has a 28 px hit area and moves by keyboard.
 */
function isEssentialTarget(rule: Result, node: NodeResult): boolean {
  return rule.id === "target-size" && node.target.every((t) => String(t).startsWith("button[data-joint="));
}

/** Scans the page as it is now; fails listing each serious or critical violation and where it is. */
export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isEssentialTarget(v, n)) }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")} ${n.any[0]?.message ?? ""}`).join(" | ")}`);
  expect(serious, `serious or critical axe violations on ${where}`).toEqual([]);
}
