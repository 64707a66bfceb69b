/** What a clock move changed in an inbox: windows that closed (or opened), conversations the API now hides. */
import type { Conversation } from './thread.tsx';

export function clockChanges(before: readonly Conversation[], after: readonly Conversation[]): string[] {
  const was = new Map(before.map((c) => [c.id, c]));
  const changes: string[] = [];
  for (const c of after) {
    const old = was.get(c.id);
    if (!old) continue;
    const who = c.person.name ?? c.person.username;
    if (old.window.standard && !c.window.standard) changes.push(`${who}: the 24-hour window closed`);
    if (old.window.human_agent && !c.window.human_agent) changes.push(`${who}: HUMAN_AGENT's 7 days ended`);
    if (!old.window.standard && c.window.standard) changes.push(`${who}: the 24-hour window is open again`);
    if (!old.hidden && c.hidden) changes.push(`${who}: now hidden from the API (30-day Requests rule)`);
    if (old.hidden && !c.hidden) changes.push(`${who}: no longer hidden`);
  }
  return changes;
}
