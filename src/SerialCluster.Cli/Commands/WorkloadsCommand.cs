using System.Text.Json.Nodes;
using SerialCluster.Cli.Output;
using SerialCluster.Workloads.Plans;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary><c>serialcluster workloads</c>: every workload with its parameters, defaults, limits and work/span formulas.</summary>
public sealed class WorkloadsCommand(ConsoleStreams console) : Command<WorkloadsCommand.Settings>
{
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Json)
        {
            var list = new JsonArray();
            foreach (var workload in WorkloadCatalog.All)
            {
                var parameters = new JsonArray();
                foreach (var p in workload.Parameters)
                {
                    parameters.Add(new JsonObject
                    {
                        ["name"] = p.Name,
                        ["kind"] = p.Kind.ToString().ToLowerInvariant(),
                        ["default"] = p.Default,
                        ["allowed"] = p.Allowed,
                        ["description"] = p.Description,
                    });
                }

                list.Add(new JsonObject
                {
                    ["name"] = workload.Name,
                    ["summary"] = workload.Summary,
                    ["lesson"] = workload.Lesson,
                    ["unit"] = workload.Unit,
                    ["work"] = workload.WorkFormula,
                    ["span"] = workload.SpanFormula,
                    ["parameters"] = parameters,
                });
            }

            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(new JsonObject { ["workloads"] = list }));
            return ExitCodes.Success;
        }

        foreach (var workload in WorkloadCatalog.All)
        {
            console.Out.MarkupLineInterpolated($"[bold]{workload.Name}[/] — {workload.Summary}");
            console.Out.MarkupLineInterpolated($"  [grey]{workload.Lesson}[/]");
            console.Out.MarkupLineInterpolated($"  work = {workload.WorkFormula}   span = {workload.SpanFormula}   [grey](in {workload.Unit})[/]");
            var table = new TerminalTable().AddColumn("parameter").AddColumn("default").AddColumn("allowed", prose: true).AddColumn("meaning", prose: true);
            foreach (var p in workload.Parameters)
            {
                var shownDefault = p.Default.Length == 0 ? "(empty)" : p.Default;
                table.AddRow(Markup.Escape(p.Name), Markup.Escape(shownDefault), Markup.Escape(p.Allowed), Markup.Escape(p.Description));
            }

            table.Write(console.Out);
        }

        return ExitCodes.Success;
    }

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--json")]
        [System.ComponentModel.Description("Print the list as one JSON document.")]
        public bool Json { get; init; }
    }
}
