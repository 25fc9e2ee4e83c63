using Microsoft.Extensions.DependencyInjection;
using SerialCluster.Cli.Commands;
using SerialCluster.Cli.Infrastructure;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Lifetime;
using SerialCluster.Cli.Output;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli;

/// <summary>The <c>serialcluster</c> command line: commands, and one clear line plus an exit code for every failure.</summary>
public static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, ConsoleStreams console, CancellationToken cancellationToken)
    {
        if (!StartupTimeline.IsRunning)
        {
            StartupTimeline.Begin("the runtime started, the command began");
        }

        var services = new ServiceCollection();
        services.AddSingleton(console);
        services.AddSingleton(new Invocation(args, DateTime.UtcNow));
        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("serialcluster");
            // Help asked for is the command's output (stdout, so `serialcluster --help | less` works); otherwise Spectre's own
            // writes (help after a usage error) go with the errors, to stderr.
            config.ConfigureConsole(HelpAsked(args) ? console.Out : console.Error);
            config.UseStrictParsing();
            config.PropagateExceptions();
            config.AddCommand<RunCommand>("run")
                .WithDescription("Run one workload on the cluster and print its result and measured profile.")
                .WithExample("run", "hashchain", "--set", "seed=616263", "--set", "steps=1", "--json")
                .WithExample("run", "montecarlo", "--set", "samples=1e9", "--mode", "scatter", "--parallelism", "2");
            config.AddCommand<WorkloadsCommand>("workloads")
                .WithDescription("List the workloads with their parameters, defaults, limits and work/span formulas.");
            config.AddCommand<ClusterCommand>("cluster")
                .WithDescription("Show every silo (role, cores, calibrated scores, CPU, running work) and the hop-latency matrix.");
            config.AddCommand<SweepCommand>("sweep")
                .WithDescription("Run a workload at several parallelisms (k times each) and fit Amdahl, Gustafson and USL; bounds, charts, CSV, HTML.")
                .WithExample("sweep", "montecarlo", "--set", "samples=2e8", "--parallelism", "1,2,4", "--repeat", "3", "--html", "sweep.html");
            config.AddCommand<ReportCommand>("report")
                .WithDescription("One job's timeline (which silo ran what, when), critical path, parallelism profile and verdict.")
                .WithExample("report", "--from", "run.json", "--html", "report.html");
            config.AddCommand<WhatIfCommand>("whatif")
                .WithDescription("Predict a measured job's time on N cores and/or cores x times faster: more cores or faster cores?")
                .WithExample("whatif", "--from", "run.json", "--cores", "1,2,4,8", "--speed", "1,2");
            config.AddBranch<ClusterSettings>("jobs", jobs =>
            {
                jobs.SetDescription("The jobs a running cluster keeps (until deleted or past its retention).");
                jobs.SetDefaultCommand<JobsWithoutSubcommandCommand>();
                jobs.AddCommand<JobsListCommand>("list").WithDescription(
                    "List the jobs (--state, --workload filter them): id, workload, mode, state, when accepted and finished.");
                jobs.AddCommand<JobsShowCommand>("show").WithDescription(
                    "Show one job: state, progress, result and profile, and what surviving failures cost it.");
                jobs.AddCommand<JobsDeleteCommand>("delete").WithDescription("Delete a finished job and its result.");
                jobs.AddCommand<JobsFollowCommand>("follow").WithDescription(
                    "Re-attach the progress bar to a running job and print its result; Ctrl+C detaches (the job runs on).");
                jobs.AddCommand<JobsWaitCommand>("wait").WithDescription("Wait quietly until a job finishes; exit with its exit code (0, 1, 130).");
            });
            config.AddCommand<CancelCommand>("cancel")
                .WithDescription("Cancel a running job: its work stops at the next batch.");
            config.AddCommand<UpCommand>("up")
                .WithDescription("Start a local cluster in the background (the embedded cluster's silos; --redis: durable jobs) that every command then uses.")
                .WithExample("up")
                .WithExample("up", "--redis", "127.0.0.1:6379");
            config.AddCommand<StatusCommand>("status")
                .WithDescription("Show whether the local cluster runs: its silos, process, ports, uptime and log.");
            config.AddCommand<DownCommand>("down")
                .WithDescription("Stop the local cluster `up` started (exactly its process: SIGTERM, then SIGKILL after --timeout).");
            config.AddCommand<ServeCommand>("serve").IsHidden();
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("Run a serial and a parallel workload of equal single-core time at P=1 and at every core, and compare.");
            config.AddCommand<ContrastCommand>("contrast")
                .WithDescription(
                    "Run the paper's paired controls side by side (Rule 110 vs Rule 90 and its shortcut, fold vs tree, a secret vs parallelism, …), each " +
                    "pinned and scattered, speedups against the serial run, and span against input size.");
            config.AddCommand<LadderCommand>("ladder")
                .WithDescription("The latency ladder: a serial chain forced across a boundary every k steps; steps/s against k per boundary.")
                .WithExample("ladder", "--every", "1,10,100,1000", "--plot", "ladder.png");
            config.AddCommand<BenchCommand>("bench")
                .WithDescription(
                    "Measure every performance target side by side in one run (embedded cluster vs bare loops, dispatch, hops, scale) and print the table.");
        });

        if (args is ["--version"])
        {
            console.Out.Profile.Out.Writer.WriteLine(BuildVersion.Describe());
            return ExitCodes.Success;
        }

        if (OptionValueErrors.MissingValue(args) is { } missing)
        {
            console.SayError(missing);
            return ExitCodes.Usage;
        }

        var verbose = args.Contains("--verbose") || args.Contains("-v");
        try
        {
            return await app.RunAsync(args, cancellationToken);
        }
        catch (Exception e) when (!verbose || cancellationToken.IsCancellationRequested
            || e is CliException or InvalidParameterException or UnknownWorkloadException or CommandAppException)
        {
            var (code, message) = Classify(e, cancellationToken);
            if (e is CommandAppException && OptionValueErrors.Describe(e.Message, args) is { } described)
            {
                message = described;
            }

            console.SayError(message);
            if (verbose && e is not (CliException or InvalidParameterException or UnknownWorkloadException or CommandAppException))
            {
                console.Error.WriteException(e);
            }

            return code;
        }
    }

    /// <summary>Maps an exception to its exit code and the one line the user sees.</summary>
    public static (int Code, string Message) Classify(Exception e, CancellationToken cancellationToken) => e switch
    {
        CliException cli => (cli.ExitCode, cli.Message),
        UnknownWorkloadException unknown => (ExitCodes.UnknownWorkload, unknown.Message),
        InvalidParameterException { Kind: ParameterErrorKind.Unknown } p => (ExitCodes.UnknownParameter, p.Message),
        InvalidParameterException { Kind: ParameterErrorKind.Malformed } p => (ExitCodes.MalformedParameter, p.Message),
        InvalidParameterException p => (ExitCodes.ParameterOutOfRange, p.Message),
        CommandAppException app => (ExitCodes.Usage, FirstLine(app.Message)),
        // Whatever a cancelled start-up or shutdown throws (a silo stopped before it ran), the user asked for it.
        _ when cancellationToken.IsCancellationRequested => (ExitCodes.Cancelled, "cancelled"),
        _ when ClusterFailures.IsTransient(e) => (ExitCodes.ClusterUnavailable, $"{ClusterFailures.Describe(e)}; retry the command later"),
        _ => (ExitCodes.JobFailed, $"{e.GetType().Name}: {FirstLine(e.Message)} (--verbose shows the stack trace)"),
    };

    private static bool HelpAsked(string[] args) => args.Length == 0 || args.Any(a => a is "-h" or "--help" or "-?");

    private static string FirstLine(string text)
    {
        var newline = text.IndexOfAny(['\r', '\n']);
        return newline < 0 ? text : text[..newline];
    }
}
