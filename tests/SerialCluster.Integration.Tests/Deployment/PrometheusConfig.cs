using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// deploy/prometheus/prometheus.yml as the compose cluster's Prometheus reads it, turned into one for silo processes
/// on this machine: the silo job's DNS lookups become static targets carrying the same <c>__meta_dns_name</c> label
/// each DNS name would give them (so the same relabelling names their service), rule files point into the
/// repository, and the intervals shrink so a test sees data within seconds. Everything else stays as written.
/// </summary>
public static class PrometheusConfig
{
    public const string RelativePath = "deploy/prometheus/prometheus.yml";
    public const string SiloJob = "serialcluster-silo";

    /// <summary>Writes the local config to <paramref name="path"/>.</summary>
    /// <param name="targets">Per compose service name (silo-serial, silo): the host:port of each local silo's /metrics.</param>
    public static void WriteLocal(string path, IReadOnlyDictionary<string, IReadOnlyList<string>> targets, TimeSpan interval, int prometheusPort)
    {
        var root = ComposeFile.LoadYaml(Repository.File(RelativePath));
        var seconds = $"{interval.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
        var global = (YamlMappingNode)root["global"];
        global.Children[new YamlScalarNode("scrape_interval")] = new YamlScalarNode(seconds);
        global.Children[new YamlScalarNode("scrape_timeout")] = new YamlScalarNode(seconds);
        global.Children[new YamlScalarNode("evaluation_interval")] = new YamlScalarNode(seconds);

        var ruleFiles = (YamlSequenceNode)root["rule_files"];
        var rulesDirectory = Path.GetDirectoryName(Repository.File(RelativePath))!;
        root.Children[new YamlScalarNode("rule_files")] = new YamlSequenceNode(
            ruleFiles.Children.Select(r => (YamlNode)new YamlScalarNode(Path.Combine(rulesDirectory, ((YamlScalarNode)r).Value!))));

        foreach (var job in ((YamlSequenceNode)root["scrape_configs"]).Children.Cast<YamlMappingNode>())
        {
            var name = ComposeFile.Scalar(job, "job_name");
            if (name == SiloJob)
            {
                var dns = (YamlMappingNode)((YamlSequenceNode)job["dns_sd_configs"]).Children.Single();
                var names = ComposeFile.Strings(dns, "names");
                var missing = names.Where(n => !targets.ContainsKey(n)).ToList();
                if (missing.Count > 0)
                {
                    throw new ArgumentException($"no local targets for the DNS names {string.Join(", ", missing)}", nameof(targets));
                }

                job.Children.Remove(new YamlScalarNode("dns_sd_configs"));
                job.Children[new YamlScalarNode("static_configs")] = new YamlSequenceNode(names.Select(n => (YamlNode)new YamlMappingNode(
                    new YamlScalarNode("targets"), new YamlSequenceNode(targets[n].Select(t => (YamlNode)new YamlScalarNode(t))),
                    new YamlScalarNode("labels"), new YamlMappingNode(new YamlScalarNode("__meta_dns_name"), new YamlScalarNode(n)))));
            }
            else if (name == "prometheus")
            {
                job.Children[new YamlScalarNode("static_configs")] = new YamlSequenceNode(new YamlMappingNode(
                    new YamlScalarNode("targets"), new YamlSequenceNode(new YamlScalarNode($"127.0.0.1:{prometheusPort}"))));
            }
        }

        using var writer = new StreamWriter(path);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
    }
}
