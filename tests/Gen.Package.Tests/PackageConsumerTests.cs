using System.IO.Compression;
using System.Xml.Linq;

namespace Gen.Package.Tests;

/// <summary>
/// The Gen package works for a real consumer, not just inside the solution: pack it into a temporary folder feed,
/// restore a small net10.0 project from that feed into its own packages folder (so no NuGet cache is shared or
/// polluted), build it, run it. The generator must have added <c>LineGen</c>, GEN001 must flag the unseeded Jit,
/// and at run time the unseeded Jit must throw while the seeded one draws.
/// </summary>
[NonParallelizable]
public class PackageConsumerTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    private DirectoryInfo _temp = null!;
    private string _version = "";

    [OneTimeSetUp]
    public void Pack()
    {
        _temp = Directory.CreateTempSubdirectory("gen-package-test-");
        // A version no earlier run used: nothing stale can be picked up from any cache.
        _version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var feed = Directory.CreateDirectory(Path.Combine(_temp.FullName, "feed")).FullName;

        var pack = DotNet.Run(RepositoryRoot(), StepTimeout, "pack", Path.Combine("Gen.Runtime", "Gen.Runtime.csproj"),
            "--no-build", "--disable-build-servers", "-c", Configuration, "-o", feed, $"-p:PackageVersion={_version}");
        Assert.That(pack.ExitCode, Is.Zero, pack.Output);
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        try
        {
            _temp?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail the run for it.
        }
    }

    private string Package => Path.Combine(_temp.FullName, "feed", $"Gen.{_version}.nupkg");

    [Test]
    public void The_package_carries_the_runtime_the_generator_the_analyzers_and_the_code_fix()
    {
        using var package = ZipFile.OpenRead(Package);
        var entries = package.Entries.Select(e => e.FullName).ToList();
        Assert.That(entries, Does.Contain("lib/net10.0/Gen.Runtime.dll"));
        Assert.That(entries, Does.Contain("lib/net10.0/Gen.Runtime.xml"));
        Assert.That(entries, Does.Contain("analyzers/dotnet/cs/Gen.Generators.dll"));
        Assert.That(entries, Does.Contain("analyzers/dotnet/cs/Gen.Analyzers.dll"));
        Assert.That(entries, Does.Contain("analyzers/dotnet/cs/Gen.Analyzers.CodeFixes.dll"));
        Assert.That(entries, Does.Contain("README.md"));

        using var nuspecStream = package.GetEntry("Gen.nuspec")!.Open();
        var nuspec = XDocument.Load(nuspecStream);
        var ns = nuspec.Root!.GetDefaultNamespace();
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.That(metadata.Element(ns + "id")!.Value, Is.EqualTo("Gen"));
        Assert.That(metadata.Element(ns + "readme")!.Value, Is.EqualTo("README.md"));
        Assert.That(metadata.Element(ns + "description")!.Value, Does.Contain("generative functions"));
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).ToList();
        Assert.That(dependencies, Is.EquivalentTo(new[] { "MathNet.Numerics" }), "only the runtime's own dependency; no Roslyn, no project references");
    }

    [Test]
    public void A_consumer_restored_from_the_package_gets_the_generator_and_GEN001()
    {
        var consumer = Directory.CreateDirectory(Path.Combine(_temp.FullName, "consumer")).FullName;
        WriteConsumer(consumer);

        var build = DotNet.Run(consumer, StepTimeout, "build", "Consumer.csproj", "--disable-build-servers",
            "--packages", Path.Combine(_temp.FullName, "packages"), "-c", "Debug");
        TestContext.Out.WriteLine(build.Output);
        Assert.That(build.ExitCode, Is.Zero, "the consumer builds (so the generated LineGen exists):\n" + build.Output);
        Assert.That(build.Output, Does.Match(@"Program\.cs\(11,\d+\): warning GEN001"), "GEN001 points at the unseeded Jit:\n" + build.Output);
        Assert.That(build.Output, Does.Not.Contain("CS9057"), "the analyzers load in the SDK's compiler");
        Assert.That(build.Output, Does.Not.Contain("AD0001"), "no analyzer crashed");

        var run = DotNet.Run(consumer, StepTimeout, Path.Combine(consumer, "bin", "Debug", "net10.0", "Consumer.dll"));
        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Output, Does.Contain("seeded: same key, same draw: True"));
        Assert.That(run.Output, Does.Contain("unseeded: UnseededJitException"));
    }

    private static void WriteConsumer(string directory)
    {
        // Empty Directory.Build.* files: nothing above the temp folder can leak into the consumer's build.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");

        // The local feed, and the machine's global packages folder (a valid folder feed) for MathNet.Numerics,
        // which the solution's own restore already put there: no network needed.
        var feed = Path.GetFullPath(Path.Combine(directory, "..", "feed"));
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="gen-local" value="{feed}" />
                <add key="machine-packages" value="{GlobalPackagesFolder()}" />
              </packageSources>
            </configuration>
            """);

        var version = Path.GetFileNameWithoutExtension(Directory.GetFiles(feed, "Gen.*.nupkg").Single())["Gen.".Length..];
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Gen" Version="{version}" />
              </ItemGroup>
            </Project>
            """);

        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using Gen;
            using static Gen.Distributions;
            using static Gen.Transforms;

            var xs = new[] { 0.0, 1.0, 2.0 };

            var seeded = Jit(Seed((double[] data) => Models.LineGen(data).Simulate().Retval));
            Console.WriteLine($"seeded: same key, same draw: {seeded(new Key(1), xs) == seeded(new Key(1), xs)}");

            // The mistake GEN001 exists for (line 11):
            var unseeded = Jit((double[] data) => Models.LineGen(data).Simulate().Retval);
            try
            {
                unseeded(xs);
                Console.WriteLine("unseeded: no exception");
            }
            catch (UnseededJitException)
            {
                Console.WriteLine("unseeded: UnseededJitException");
            }

            public static partial class Models
            {
                [Gen]
                public static double Line(double[] xs)
                {
                    var slope = normal(0, 1).At("slope");
                    var intercept = normal(0, 2).At("intercept");
                    for (var i = 0; i < xs.Length; i++)
                        normal(slope * xs[i] + intercept, 0.5).At("y", i);
                    return slope;
                }
            }
            """);
    }

    private static string GlobalPackagesFolder()
    {
        var configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(configured)) return configured;
        var listed = DotNet.Run(RepositoryRoot(), StepTimeout, "nuget", "locals", "global-packages", "--list");
        var line = listed.Output.Split('\n').FirstOrDefault(l => l.Contains("global-packages:"));
        return line is null
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")
            : line[(line.IndexOf(':') + 1)..].Trim();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Gen.sln"))) return directory.FullName;
        throw new InvalidOperationException("Gen.sln not found above " + AppContext.BaseDirectory);
    }
}
