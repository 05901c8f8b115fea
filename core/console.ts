/** The virtual console `uml-flow console` attaches to (con1, the guest's tty1); con0 is the log. */
export const INTERACTIVE_CONSOLE = 1;

/**
 * UML opens the host side of a `conN=pts` console when the guest first opens ttyN, and announces
 * the pseudo-terminal in its kernel log: "Virtual console 1 assigned device '/dev/pts/3'".
 */
export const ptsAnnouncement = (line: number) => `Virtual console ${line} assigned device`;

/** The host pseudo-terminal of virtual console `line`, from an instance's console log. */
export function consolePts(consoleLog: string, line: number): string | undefined {
  return new RegExp(`${ptsAnnouncement(line)} '(/dev/pts/[0-9]+)'`).exec(consoleLog)?.[1];
}
