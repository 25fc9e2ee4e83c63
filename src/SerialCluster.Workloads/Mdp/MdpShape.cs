namespace SerialCluster.Workloads.Mdp;

/// <summary>An MDP's size and how to draw it, known at compile time without building its tables.</summary>
public sealed record MdpShape(int States, int Actions, int Successors, bool Optimize, Func<MdpModel> Build);
