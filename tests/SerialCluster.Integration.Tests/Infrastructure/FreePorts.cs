using System.Net;
using System.Net.Sockets;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>Loopback ports free right now, never the same one twice in this test run.</summary>
public static class FreePorts
{
    private static readonly HashSet<int> Handed = [];

    public static int[] Take(int count)
    {
        lock (Handed)
        {
            var ports = new List<int>();
            var listeners = new List<TcpListener>();
            try
            {
                while (ports.Count < count)
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    listeners.Add(listener);
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    if (Handed.Add(port))
                    {
                        ports.Add(port);
                    }
                }

                return [.. ports];
            }
            finally
            {
                listeners.ForEach(l => l.Stop());
            }
        }
    }
}
