import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { onlyRule, table, valuesOf } from "./helpers.ts";

describe("a rule is a generic option list", () => {
  it("keeps options in order with their dashes, modules included", () => {
    const rule = onlyRule(
      "-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment x -m tcp --dport 443 -j KUBE-SVC-A",
    );
    expect(rule.options.map((o) => o.name)).toEqual(["-d", "-p", "-m", "--comment", "-m", "--dport", "-j"]);
    expect(rule.options.filter((o) => o.name === "-m").map((o) => o.values[0])).toEqual(["comment", "tcp"]);
    expect(rule.chain).toBe("KUBE-SERVICES");
    expect(rule.verb).toBe("append");
  });

  it("negates an option written after '!'", () => {
    const rule = onlyRule(
      "-A KUBE-SVC-A ! -s 10.244.0.0/16 -m conntrack ! --ctstate RELATED,ESTABLISHED -j KUBE-MARK-MASQ",
    );
    expect(rule.options[0]).toEqual({ name: "-s", values: ["10.244.0.0/16"], negated: true });
    expect(rule.options[2]).toEqual({ name: "--ctstate", values: ["RELATED,ESTABLISHED"], negated: true });
    expect(rule.options[1]!.negated).toBe(false);
  });

  it("negates an option in the old form where '!' follows the option", () => {
    const rule = onlyRule("-A INPUT -s ! 10.0.0.1 -d 10.0.0.2 -j DROP");
    expect(rule.options[0]).toEqual({ name: "-s", values: ["10.0.0.1"], negated: true });
    expect(rule.options[1]).toEqual({ name: "-d", values: ["10.0.0.2"], negated: false });
  });

  it("a '!' after an option's values negates the next option, not the previous one", () => {
    const rule = onlyRule("-A X -p tcp ! -d 127.0.0.0/8 -j Y");
    expect(rule.options[0]!.negated).toBe(false);
    expect(rule.options[1]).toEqual({ name: "-d", values: ["127.0.0.0/8"], negated: true });
  });

  it("a '!' after an option without values negates the next option", () => {
    const rule = onlyRule("-A X -m recent --rsource ! -d 10.0.0.1 -j Y");
    expect(rule.options[1]).toEqual({ name: "--rsource", values: [], negated: false });
    expect(rule.options[2]).toEqual({ name: "-d", values: ["10.0.0.1"], negated: true });
  });

  it("unquotes double-quoted values with escaped quotes and backslashes", () => {
    const rule = onlyRule(String.raw`-A X -m comment --comment "say \"hi\" and \'bye\' \\ ok" -j Y`);
    expect(valuesOf(rule, "--comment")).toEqual([`say "hi" and 'bye' \\ ok`]);
  });

  it("reads an unquoted single-word comment as its value", () => {
    const rule = onlyRule("-A KUBE-SEP-A -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ");
    expect(valuesOf(rule, "--comment")).toEqual(["ns1/svc1:p80"]);
  });

  it("keeps options with zero and with several values", () => {
    const rule = onlyRule(
      "-A X -p tcp --tcp-flags SYN,RST SYN -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-A --mask 255.255.255.255 --rsource -j Y",
    );
    expect(valuesOf(rule, "--tcp-flags")).toEqual(["SYN,RST", "SYN"]);
    expect(valuesOf(rule, "--rcheck")).toEqual([]);
    expect(valuesOf(rule, "--reap")).toEqual([]);
    expect(valuesOf(rule, "--rsource")).toEqual([]);
    expect(valuesOf(rule, "--mask")).toEqual(["255.255.255.255"]);
  });

  it("reads ipset names and flags full of punctuation", () => {
    const rule = onlyRule("-A KUBE-POSTROUTING -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE");
    expect(valuesOf(rule, "--match-set")).toEqual(["KUBE-LOOP-BACK", "dst,dst,src"]);
    expect(rule.target).toBe("MASQUERADE");
  });

  it("reads IPv4 and IPv6 addresses with masks and bracketed IPv6 destinations", () => {
    const rule = onlyRule(
      "-A KUBE-SEP-A -s fd00::1/128 -d 10.0.0.0/255.0.0.0 -p tcp -j DNAT --to-destination [fd00::1]:8080",
    );
    expect(valuesOf(rule, "-s")).toEqual(["fd00::1/128"]);
    expect(valuesOf(rule, "-d")).toEqual(["10.0.0.0/255.0.0.0"]);
    expect(valuesOf(rule, "--to-destination")).toEqual(["[fd00::1]:8080"]);
  });

  it("keeps unknown modules and targets as written", () => {
    const rule = onlyRule("-A X -m frobnicate --frob-level 11 --frob=yes -j CUSTOM-TARGET --custom-opt a b");
    expect(valuesOf(rule, "--frob-level")).toEqual(["11", "--frob=yes"]);
    expect(rule.target).toBe("CUSTOM-TARGET");
    expect(valuesOf(rule, "--custom-opt")).toEqual(["a", "b"]);
  });

  it("takes the target from the last -j or -g and flags goto", () => {
    expect(onlyRule("-A X -g KUBE-SVC-A")).toMatchObject({ target: "KUBE-SVC-A", goto: true });
    expect(onlyRule("-A X --jump KUBE-SVC-A")).toMatchObject({ target: "KUBE-SVC-A", goto: false });
    expect(onlyRule("-A X -j A -g B")).toMatchObject({ target: "B", goto: true });
  });

  it("gives a rule without -j a null target", () => {
    const rule = onlyRule(`-A KUBE-FW-A -m comment --comment "other traffic will be dropped"`);
    expect(rule.target).toBeNull();
    expect(rule.goto).toBe(false);
  });

  it("keeps the raw text without the counter prefix, and the line number", () => {
    const dump = parseDump("*nat\n\n[3:180] -A X -j Y  \nCOMMIT\n");
    const rule = table(dump, "nat").rules[0]!;
    expect(rule.raw).toBe("-A X -j Y");
    expect(rule.line).toBe(3);
    expect(rule.counters).toEqual({ packets: 3, bytes: 180 });
  });

  it("reads the long command names and an -I position", () => {
    expect(onlyRule("--append X -j Y")).toMatchObject({ chain: "X", verb: "append" });
    expect(onlyRule("-I X 3 -j Y")).toMatchObject({ chain: "X", verb: "insert", position: 3 });
    expect(onlyRule("-I X -j Y").position).toBeUndefined();
  });

  it("reads the --probability text as written, whatever its precision", () => {
    expect(
      valuesOf(onlyRule("-A X -m statistic --mode random --probability 0.5000000000 -j Y"), "--probability"),
    ).toEqual(["0.5000000000"]);
    expect(
      valuesOf(onlyRule("-A X -m statistic --mode random --probability 0.33332999982 -j Y"), "--probability"),
    ).toEqual(["0.33332999982"]);
  });
});
